import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a misspelt word, when it is close enough to be a plausible typo:
 * at most a third of the word's length in edits (and at least one).
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    // Ties go to the candidate sharing the longer prefix (`mony` -> `money`, not `many`), then the first listed.
    if (d < bestDistance || (d === bestDistance && best !== undefined && commonPrefix(word, candidate) > commonPrefix(word, best))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** "did you mean `x`?" or a list of the valid choices when none is close. */
export function suggestion(word: string, candidates: readonly string[], what = 'one of'): string {
  const close = closestMatch(word, candidates);
  if (close !== undefined) return `did you mean \`${close}\`?`;
  const shown = candidates
    .slice(0, 12)
    .map((c) => `\`${c}\``)
    .join(', ');
  return candidates.length === 0 ? '' : `use ${what} ${shown}${candidates.length > 12 ? ', …' : ''}`;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
  return i;
}
