/** Entry point of a subgraph process: read config, serve, stop cleanly on SIGINT/SIGTERM. */
import { loadConfig } from './config';
import { createLogger } from './logger';
import { requireSecret } from './secret';
import { startSubgraph, type SubgraphDefinition } from './subgraph';

export async function runSubgraphProcess(def: SubgraphDefinition): Promise<void> {
  const config = loadConfig();
  const log = createLogger(def.name, config.logLevel);
  if (!config.databaseUrl) {
    log.fatal('DATABASE_URL is not set (npm start sets it when it runs the embedded PostgreSQL)');
    process.exit(2);
  }
  try {
    const running = await startSubgraph(def, { config, secret: requireSecret(config), databaseUrl: config.databaseUrl, log });
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      await running.stop().catch((err) => log.error({ err }, 'stop failed'));
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    // The launcher's pipe closing means the launcher died: do not linger as an orphan.
    process.on('disconnect', () => void stop('disconnect'));
  } catch (err) {
    log.fatal({ err }, `${def.name} failed to start`);
    process.exit(1);
  }
}
