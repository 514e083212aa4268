// The query-shape extraction lives in ./query-shape/; this path is where the rest of the code imports it from.
export * from './query-shape/index.js';
