// Writes deploy/drready.yaml and deploy/member-role.yaml from scripts/deploy/templates.ts, with the
// read-only action list derived from the code (scripts/deploy/permissions.ts).
// Run: npm run gen:deploy   (again whenever a collector or a check starts calling a new API).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderTemplates } from './deploy/render';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  for (const [file, text] of Object.entries(await renderTemplates(root))) {
    writeFileSync(join(root, file), text);
    console.log(`wrote ${file}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
