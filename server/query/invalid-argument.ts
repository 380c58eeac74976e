/** A caller asked for something impossible: names the argument and says why. */
export class InvalidArgument extends Error {
  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`${argument}: ${reason}`);
    this.name = "InvalidArgument";
  }
}

/** Checks that an integer argument lies within bounds. */
export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgument(argument, `must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}
