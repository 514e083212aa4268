export { designCaching, type CachingDesign } from './design-caching.js';
export {
  cachingSchema,
  cachedPatternSchema,
  cacheLayerSchema,
  type Caching,
  type CachedPattern,
  type CacheLayer,
  type CacheEstimate,
  type CacheInvalidation,
  type CacheWriteInvalidation,
  type MaterializedView,
  type NeverCached,
} from '../../model/parts/caching.js';
