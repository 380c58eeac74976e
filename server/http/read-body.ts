import type { IncomingMessage } from "node:http";

/** A request that failed before reaching GraphQL: an HTTP status and a message for the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The rest of the request was not read: answer, then close the connection. */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

/**
 * Reads the whole body, refusing it as soon as it passes `maxBytes` (a huge upload is never
 * buffered) or when it has not all arrived within `timeoutMs` (a body sent a byte at a time cannot
 * hold a connection open indefinitely).
 */
export function readBody(request: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<string> {
  const declared = Number(request.headers["content-length"]);
  if (declared > maxBytes)
    return Promise.reject(
      new HttpError(
        413,
        `request body of ${declared} bytes is over the limit of ${maxBytes} (limits.maxBodyBytes)`,
        true,
      ),
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes)
        return finish(
          new HttpError(
            413,
            `request body is over the limit of ${maxBytes} bytes (limits.maxBodyBytes)`,
            true,
          ),
        );
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    const timer = setTimeout(
      () =>
        finish(
          new HttpError(408, `request body did not arrive within ${timeoutMs} ms (http.bodyTimeoutMs)`, true),
        ),
      timeoutMs,
    );
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}
