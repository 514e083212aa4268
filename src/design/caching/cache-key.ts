import type { CacheLayer, MaterializedView } from '../../model/parts/caching.js';
import type { PatternParameter } from './pattern-parameters.js';

/** Bump when the cached value's shape changes: old entries are then simply never read again. */
export const CACHE_KEY_VERSION = 'v1';

export interface CacheKeyPlan {
  readonly key: string;
  readonly description: string;
}

/**
 * rule:cache-key-from-parameters. `<spec>:<pattern>:v1:{param}:…`: namespaced so two services or
 * patterns never share an entry, versioned so a deploy that changes the value's shape needs no flush,
 * and one segment per parameter in the order of the SQL, since every parameter changes the result.
 * A CDN keys by URL, so the same segments become the path and a query string; a view by its unique key.
 */
export function cacheKeyTemplate(
  specName: string,
  patternName: string,
  layer: CacheLayer,
  parameters: readonly PatternParameter[],
  view: MaterializedView | undefined,
): CacheKeyPlan {
  if (layer === 'materialized-view' && view)
    return { key: `${view.name}(${view.uniqueKey.join(', ')})`, description: 'one view row per parameter value and group, found through the unique index' };
  if (layer === 'cdn') {
    const query = parameters.map((p) => `${p.name}={${p.name}}`).join('&');
    return {
      key: `/${specName}/${CACHE_KEY_VERSION}/${patternName}${query ? `?${query}` : ''}`,
      description: `the URL is the key: namespaced and versioned in its path, one query parameter per SQL parameter, always in this order (so equal requests share an entry)`,
    };
  }
  return {
    key: [specName, patternName, CACHE_KEY_VERSION, ...parameters.map((p) => `{${p.name}}`)].join(':'),
    description: `namespaced by spec and pattern, versioned (bump ${CACHE_KEY_VERSION} when the value's shape changes: old entries are never read again, no flush), one segment per parameter in the order of the SQL`,
  };
}
