// One place for the tool's name and version, read from package.json at build time.
import pkg from '../package.json';

export const TOOL = { name: 'drready', version: pkg.version } as const;
