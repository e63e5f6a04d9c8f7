// AWS Lambda entry point (bundled by scripts/build-lambda.mjs): `index.handler` in the deployed zip.
// An EventBridge schedule invokes it with a Scheduled Event; Step Functions with { action: ... }.
import { createHandler, type InvocationContext, type LambdaEvent } from './lambda/handler';

const run = createHandler();

export async function handler(event: LambdaEvent, context?: InvocationContext): Promise<unknown> {
  return run(event, context);
}
