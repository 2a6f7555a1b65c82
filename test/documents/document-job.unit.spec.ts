import { describe, expect, it } from 'vitest';
import {
  acceptDocument,
  calendarDayOf,
  correctedMetadata,
  decodeUtf8,
  documentIdOf,
  jobPayloadOf,
} from '../../src/documents/document-job.js';
import { isInvalidDocumentError, type InvalidDocumentCode } from '../../src/documents/document-errors.js';

const codeOf = (run: () => unknown): InvalidDocumentCode | undefined => {
  try {
    run();
  } catch (error) {
    if (isInvalidDocumentError(error)) return error.code;
    throw error;
  }
  return undefined;
};

describe('acceptDocument', () => {
  it('gives a document its content-derived id and normalises metadata', () => {
    const accepted = acceptDocument({
      text: 'Russia on Monday denied it.',
      source: ' a.txt ',
      publishedAt: '2022-03-14T09:30:00+01:00',
      yearHint: 2022,
    });
    expect(accepted).toEqual({
      documentId: documentIdOf('Russia on Monday denied it.'),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      text: 'Russia on Monday denied it.',
      source: 'a.txt',
      publishedAt: '2022-03-14',
      yearHint: 2022,
    });
    expect(accepted.documentId).toMatch(/^doc-[0-9a-f]{16}$/);
    expect(documentIdOf('other text')).not.toBe(accepted.documentId);
  });

  it('takes null as "none": the field is absent, and listed as cleared for a correction', () => {
    const accepted = acceptDocument({
      text: 'Talks resumed.',
      title: null,
      publishedAt: null,
      yearHint: null,
      source: 'wire',
    });
    expect(accepted).not.toHaveProperty('title');
    expect(accepted).not.toHaveProperty('publishedAt');
    expect(accepted.cleared).toEqual(['title', 'publishedAt', 'yearHint']);
    // The queue payload carries the nulls, so the worker sees what the producer was told.
    expect(jobPayloadOf(accepted)).toEqual({
      text: 'Talks resumed.',
      source: 'wire',
      title: null,
      publishedAt: null,
      yearHint: null,
    });
    expect(acceptDocument(jobPayloadOf(accepted))).toEqual(accepted);
    const plain = acceptDocument({ text: 'Talks resumed.', title: 'Wire', publishedAt: '2022-03-14' });
    expect(plain).not.toHaveProperty('cleared');
    expect(acceptDocument(jobPayloadOf(plain))).toEqual(plain);
  });

  it('corrects metadata: stated fields replace, left-out fields stay, null fields go', () => {
    const current = { source: 'afp', title: 'AFP report', publishedAt: '2021-03-14', yearHint: 2021 };
    expect(correctedMetadata(current, acceptDocument({ text: 'x', publishedAt: '2022-03-14' }))).toEqual({
      ...current,
      publishedAt: '2022-03-14',
    });
    expect(correctedMetadata(current, acceptDocument({ text: 'x', title: null, yearHint: null }))).toEqual({
      source: 'afp',
      publishedAt: '2021-03-14',
    });
    expect(correctedMetadata(current, acceptDocument({ text: 'x' }))).toBeUndefined();
    expect(correctedMetadata({ source: 'afp' }, acceptDocument({ text: 'x', title: null }))).toBeUndefined();
  });

  it('refuses bad input with a code and a message that names the problem', () => {
    expect(codeOf(() => acceptDocument({ text: '   \n ' }))).toBe('EMPTY');
    expect(codeOf(() => acceptDocument({ text: 'a\u0000b' }))).toBe('BINARY');
    expect(codeOf(() => acceptDocument({ text: 'x'.repeat(101) }, { maxBytes: 100 }))).toBe('TOO_LARGE');
    expect(codeOf(() => acceptDocument({ text: 'ok', publishedAt: '2022-02-30' }))).toBe('INVALID_PUBLISHED_AT');
    expect(codeOf(() => acceptDocument({ text: 'ok', publishedAt: 'last Tuesday' }))).toBe('INVALID_PUBLISHED_AT');
    expect(codeOf(() => acceptDocument({ text: 42 }))).toBe('INVALID_PAYLOAD');
    expect(codeOf(() => acceptDocument({ text: 'ok', yearHint: 20222 }))).toBe('INVALID_PAYLOAD');
    expect(codeOf(() => acceptDocument('just a string'))).toBe('INVALID_PAYLOAD');
    expect(() => acceptDocument({ text: 'ok', publishedAt: '2022-13-01' })).toThrow(
      /publishedAt "2022-13-01" is not a valid date/,
    );
  });

  it('decodes strict UTF-8 and refuses invalid byte sequences', () => {
    expect(decodeUtf8(Buffer.from('Peskov’s denial', 'utf8'), 'a.txt')).toBe('Peskov’s denial');
    expect(() => decodeUtf8(Uint8Array.from([0x41, 0xff, 0xfe, 0x42]), 'b.bin')).toThrow(/b.bin is not valid UTF-8/);
  });

  it('takes the calendar day of an instant in its own offset', () => {
    expect(calendarDayOf('2022-03-13T23:30:00-05:00')).toBe('2022-03-13');
    expect(calendarDayOf('2024-02-29')).toBe('2024-02-29');
    expect(codeOf(() => calendarDayOf('2023-02-29'))).toBe('INVALID_PUBLISHED_AT');
  });
});
