/**
 * A require hook that runs the TypeScript sources in a plain Node process, the
 * way jest runs them (SWC, legacy decorators + decorator metadata for
 * type-graphql): `node -r ./test/helpers/ts-require.js scripts/start.ts`.
 * The multi-process tests start the launcher like this, so they need no
 * `tsc` build; `fork` passes the hook on to every child.
 */
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
