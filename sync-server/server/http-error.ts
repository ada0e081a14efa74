/** An error with the HTTP status and the JSON body the client gets; anything else is a 5xx. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string } & Record<string, unknown>,
  ) {
    super(body.error);
    this.name = 'HttpError';
  }
}
