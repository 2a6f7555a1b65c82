import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { toTimelineEvent } from '../../../src/events/domain/timeline-events.js';
import { isCorruptEventError } from '../../../src/events/store/errors.js';
import type { RecordedEvent } from '../../../src/events/store/event-log.js';

const recorded = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  position: 7,
  stream: 'document-doc-1',
  streamVersion: 1,
  id: 'doc-1:received',
  type,
  schemaVersion,
  at: '2022-03-14T10:00:00.000Z',
  data,
});

describe('reading events written by earlier schemas', () => {
  it('upcasts a v1 DocumentReceived (published instant, no hash) to the current schema', () => {
    const v1 = {
      documentId: 'doc-1',
      text: 'Russia on Monday denied it.',
      title: null,
      source: 'ap.txt',
      published: '2022-03-14T09:00:00Z',
    };
    const event = toTimelineEvent(recorded('DocumentReceived', 1, v1));
    expect(event.type).toBe('DocumentReceived');
    expect(event.data).toEqual({
      documentId: 'doc-1',
      contentHash: createHash('sha256').update(v1.text).digest('hex'),
      text: v1.text,
      source: 'ap.txt',
      publishedAt: '2022-03-14',
    });
  });

  it('refuses payloads that match no schema, and versions newer than this build', () => {
    const bad = (): unknown => toTimelineEvent(recorded('DocumentReceived', 2, { documentId: 'doc-1' }));
    expect(bad).toThrow(/position 7 .*contentHash/);
    try {
      bad();
    } catch (error) {
      expect(isCorruptEventError(error)).toBe(true);
    }
    expect(() => toTimelineEvent(recorded('DocumentReceived', 9, {}))).toThrow(/newer than this build/);
    expect(() => toTimelineEvent(recorded('SomethingElse', 1, {}))).toThrow(/unknown event type/);
  });
});
