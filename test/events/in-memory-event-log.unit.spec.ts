import { describeEventLogContract } from './event-log-contract.js';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';

describeEventLogContract('in-memory', async () => ({ log: createInMemoryEventLog() }));
