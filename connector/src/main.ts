/**
 * `npm start`: starts the connector on PORT, prints the URLs (and, in sandbox mode, the generated
 * ADMIN_TOKEN / APP_SHARED_SECRET), and shuts down gracefully on SIGTERM/SIGINT (drains in-flight work).
 */
import { ConfigError } from './config/load-config';
import { EXIT_CONFIG, StartupError } from './config/startup-error';
import { startConnector } from './start-connector';
import { redactDatabaseUrl } from './store/database-url';

async function main(): Promise<void> {
  const c = await startConnector({ watchPolicy: true });
  const base = `http://${c.config.host === '0.0.0.0' || c.config.host === '::' ? 'localhost' : c.config.host.includes(':') ? `[${c.config.host}]` : c.config.host}:${c.port}`;
  const lines = [
    `Complaint Desk connector listening on ${c.config.host}:${c.port}, ${base} (${c.config.sandbox ? 'sandbox host' : [c.config.zendesk && 'Zendesk', c.config.freshdesk && 'Freshdesk'].filter(Boolean).join(' + ')})`,
    `  policy ${c.policyStore.current().version} from ${c.config.policyFile}; database ${redactDatabaseUrl(c.config.databaseUrl)}`,
    c.config.sandbox ? `  sandbox helpdesk:  ${base}/sandbox` : null,
    `  admin console:     ${base}/admin`,
    `  webhooks:          ${base}/webhooks/zendesk  ${base}/webhooks/freshdesk`,
    `  health:            ${base}/healthz  ${base}/readyz  ${base}/metrics`,
    c.config.sandbox && !c.config.adminToken ? `  ADMIN_TOKEN (generated for this run):       ${c.secrets.adminToken}` : null,
    c.config.sandbox && !c.config.appSharedSecret ? `  APP_SHARED_SECRET (generated for this run): ${c.secrets.appSharedSecret}` : null,
  ];
  process.stdout.write(lines.filter(Boolean).join('\n') + '\n');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    c.logger.info({ signal, graceMs: c.config.shutdownGraceMs }, 'shutting down: draining in-flight work');
    // Backstop: whatever hangs, the process is gone shortly after the grace (acknowledged work is in the store).
    setTimeout(() => {
      c.logger.warn({ graceMs: c.config.shutdownGraceMs }, 'shutdown exceeded its grace; exiting (pending work resumes on the next start)');
      process.exit(0);
    }, c.config.shutdownGraceMs + 2000).unref();
    c.close().then(
      () => process.exit(0),
      (e) => {
        c.logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  // Configuration, database and policy problems do not go away on restart: one clear message and exit 78
  // (EX_CONFIG), so a supervisor can stop restarting (systemd RestartPreventExitStatus=78) instead of looping.
  if (e instanceof ConfigError || e instanceof StartupError) {
    process.stderr.write(`complaint-desk: cannot start: ${e.message}\n`);
    process.exit(e instanceof StartupError ? e.exitCode : EXIT_CONFIG);
  }
  process.stderr.write(`complaint-desk: failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
