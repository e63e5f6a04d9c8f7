// Renderer registry: format name → file it writes (none for the terminal table) and the renderer.
import type { Report } from '../src/report';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderTable } from './table';

export interface Renderer {
  /** File written under --out; undefined = printed to stdout. */
  file?: string;
  render(report: Report): string;
}

export const RENDERERS: Record<string, Renderer> = {
  table: { render: renderTable },
  json: { file: 'report.json', render: renderJson },
  html: { file: 'report.html', render: renderHtml },
};
