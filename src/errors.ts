/** Bad input from the user (a file, a flag, a config key): exit code 2 with this message, no stack. */
export class InputError extends Error {
  override name = 'InputError';
}
