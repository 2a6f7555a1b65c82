// The fixed development / held-out split of the corpus: a document is held out when a simple
// string hash of its id is divisible by 5 (about 20% of the documents).

export function idHash(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h;
}

export const isHeldOut = (id: string): boolean => idHash(id) % 5 === 0;
