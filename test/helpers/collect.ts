// Shared bits for collector tests: a context with real SDK clients (their `send` is stubbed by
// aws-sdk-client-mock) and errors shaped like the SDK throws them.
import { createClientFactory, type ClientFactoryOptions } from '../../src/collect/clients';
import type { CollectContext } from '../../src/collect/context';

export const ACCOUNT = '111122223333';

export function testContext(opts: ClientFactoryOptions = {}): CollectContext {
  const clients = createClientFactory({
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
    ...opts,
  });
  return { clients, accountId: ACCOUNT, errors: [], partition: 'aws', concurrency: 3 };
}

type ServiceExceptionCtor = new (opts: { name: string; $fault: 'client' | 'server'; $metadata: { httpStatusCode?: number }; message: string }) => Error;

/** An error as the SDK raises it for `code` (S3's are unmodeled: name and Code are the wire code). */
export function awsError(Ctor: ServiceExceptionCtor, code: string, httpStatusCode: number, message = code): Error {
  const err = new Ctor({ name: code, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode }, message });
  Object.assign(err, { Code: code });
  return err;
}

/** The region a stubbed call was sent to (aws-sdk-client-mock keeps `this`). */
export async function regionOf(call: { thisValue: unknown }): Promise<string> {
  const client = call.thisValue as { config: { region: () => Promise<string> } };
  return client.config.region();
}

export function roundTrips(value: unknown): boolean {
  return JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value);
}
