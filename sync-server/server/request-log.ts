/**
 * One log line per request, written when the answer is finished (or the connection closed first):
 *
 *   {"level":30,…,"reqId":"…","req":{"method":"POST","url":"/api/v1/decisions","remoteAddress":"…"},
 *    "res":{"statusCode":200},"responseTime":4.2,"msg":"request completed"}
 *
 * 5xx answers at level error ("request errored"). Every request gets an id (X-Request-Id: the
 * client's, when it is a short safe string, else a new UUID), in the answer's header, in its log line,
 * in error answers' `requestId`, and in what errors.ts logs for it (`req.log`).
 *
 * What is not logged: headers (the Authorization header, cookies — a token never reaches a log line),
 * bodies, and the values of token-like query parameters (`redactQuery`: `?token=[disembunyikan]`).
 * This replaced pino-http, whose per-request child logger serialized, redacted and stringified the whole
 * request with its headers for every request, about a sixth of the push route's CPU
 * (docs/server.md "Kinerja").
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { redactQuery } from './security';

declare module 'http' {
  interface IncomingMessage {
    /** The request's id (request-log.ts). */
    id?: string;
    /** The server's logger, bound to this request's id (errors.ts logs failures with it). */
    log?: Logger;
  }
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    // A child logger only when something is logged for the request beside its line (errors.ts).
    let bound: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (bound ??= logger.child({ reqId: id })) });
    const start = performance.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        reqId: id,
        req: { method: req.method, url: redactQuery(req.originalUrl), remoteAddress: req.socket.remoteAddress },
        res: { statusCode: status },
        responseTime: Math.round((performance.now() - start) * 10) / 10,
      };
      logger[level](line, status >= 500 ? 'request errored' : res.writableFinished ? 'request completed' : 'request aborted');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
