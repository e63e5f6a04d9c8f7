// Error messages go into reports: strip anything that looks like a credential.
// (Same rules as src/collect/call.ts redact(); the lead keeps one of the two at merge.)
export function redact(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '$1****')
    .replace(/((?:secret|token|signature|credential)[\w-]*["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1****')
    .replace(/(X-Amz-(?:Security-Token|Signature|Credential)=)[^&\s]+/gi, '$1****');
}
