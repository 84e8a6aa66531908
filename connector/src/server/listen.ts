/** Listens on PORT and HOST, turning "port in use" and "not allowed" into start-up errors that say how to fix them. */
import type { Server } from 'node:http';
import type { Express } from 'express';
import { StartupError } from '../config/startup-error';

export function listen(app: Express, port: number, hostname: string): Promise<Server> {
  const explain = (err: Error): Error => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      return new StartupError(
        'PORT',
        `PORT=${port}: ${hostname}:${port} is already in use.\nFix: stop the other process or set PORT to a free port (0 = any free port). Then start again.`,
        err,
      );
    if (code === 'EACCES')
      return new StartupError(
        'PORT',
        `PORT=${port}: not allowed to listen on ${hostname}:${port}.\nFix: use a port above 1023. Then start again.`,
        err,
      );
    return err;
  };
  return new Promise((resolve, reject) => {
    const server = app.listen(port, hostname, (err?: Error) => (err ? reject(explain(err)) : resolve(server)));
    server.once('error', (err) => reject(explain(err)));
  });
}
