/**
 * A report with many dated sentences about four companies: more entries than the default views
 * show (40), so the "… and N more" line and the entity views have something to cut and pick from.
 * Every fourth sentence names Boeing; "Acme Corp" is the only multi-word name.
 */
const COMPANIES = ['Acme Corp', 'Boeing', 'Globex', 'Initech'] as const;
const DEEDS = [
  'opened a plant',
  'signed a contract',
  'cut prices',
  'hired engineers',
  'announced results',
  'closed an office',
  'bought a rival',
  'sued a supplier',
] as const;
const MONTHS = ['January', 'February'] as const;

export const COMPANY_NEWS_SENTENCES = 48;

export function companyNewsText(): string {
  const lines: string[] = [];
  for (let i = 0; i < COMPANY_NEWS_SENTENCES; i++) {
    const month = MONTHS[Math.floor(i / 28)]!;
    lines.push(`On ${month} ${1 + (i % 28)}, 2021, ${COMPANIES[i % 4]!} ${DEEDS[i % 8]!} in city number ${i}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Published after every date it states, so each date is explicit and in the past. */
export const COMPANY_NEWS_PUBLISHED = '2021-03-01';
