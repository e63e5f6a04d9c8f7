// The one definition of "sensitive data store" that every count (findings, blast-radius table,
// headline) uses: an S3 bucket or a DynamoDB table (the stores whose data IAM reads reach) that
// the config's marking rule (src/marking.ts) calls sensitive. RDS data is read over the database's
// own login, not IAM, so it is not counted.
import type { Config } from '../config';
import type { ResourceFacts } from '../marking';
import { isSensitive } from '../marking';
import { plural } from '../text';

export const DATA_TYPES = new Set(['AWS::S3::Bucket', 'AWS::DynamoDB::Table']);

export function isSensitiveStore(type: string, facts: ResourceFacts | undefined, config: Config): boolean {
  return DATA_TYPES.has(type) && isSensitive(facts, config);
}

const kindOf = (arn: string) => (arn.startsWith('arn:') && arn.split(':')[2] === 'dynamodb' ? 'table' : 'bucket');

/** What a list of sensitive data stores is, in words: "25 sensitive data stores (21 buckets, 4 tables)". */
export function describeSensitive(arns: readonly string[]): string {
  const tables = arns.filter((a) => kindOf(a) === 'table').length;
  const parts = [plural(arns.length - tables, 'bucket'), plural(tables, 'table')].filter((p) => !p.startsWith('0 '));
  return `${plural(arns.length, 'sensitive data store')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
