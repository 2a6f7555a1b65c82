import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { exportLog, importLog } from '../../events/store/transfer.js';
import { EXIT } from '../exit-codes.js';
import { serviceConfigOf, withService, type GlobalOptions } from './with-service.js';

export async function runExport(options: GlobalOptions): Promise<number> {
  return withService(
    serviceConfigOf(options),
    async (service) => {
      await exportLog(service.engine.log, (line) => {
        if (!process.stdout.write(`${line}\n`))
          return new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
        return undefined;
      });
      return EXIT.OK;
    },
    { reading: true },
  );
}

export async function runImport(file: string, options: GlobalOptions): Promise<number> {
  return withService(serviceConfigOf(options), async (service) => {
    const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
    const result = await importLog(service.engine.log, createInterface({ input, crlfDelay: Infinity }));
    process.stderr.write(
      `timeline: read ${result.read} events, appended ${result.appended}, skipped ${result.skipped} already in the log\n`,
    );
    return EXIT.OK;
  });
}
