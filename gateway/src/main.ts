/** Entry point of the gateway process. */
import { createLogger, loadConfig, requireSecret } from '../../subgraphs/shared/src';
import { startGateway } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('gateway', config.logLevel);
  try {
    const gw = await startGateway({ config, secret: requireSecret(config), log });
    const stop = async () => {
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      await gw.stop().catch(() => undefined);
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    process.on('disconnect', () => void stop());
  } catch (err) {
    log.fatal({ err }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
