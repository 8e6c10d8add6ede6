// Masks 64-hex asset hashes so that rebuilt bundles and staged assets do not churn snapshots.
const HASH = /[a-f0-9]{64}/gi;
const MASK = '[ASSET-HASH]';

module.exports = {
  test: (value) => typeof value === 'string' && HASH.test(value) && (HASH.lastIndex = 0, true),
  serialize: (value, config, indentation, depth, refs, printer) =>
    printer(value.replace(HASH, MASK), config, indentation, depth, refs),
};
