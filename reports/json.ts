import type { Report } from '../src/report';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
