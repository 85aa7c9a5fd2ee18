// Who speaks the untagged turns of a conversation, decoded over the whole exchange at once.
// A second-order Markov chain over the conversation's people: a turn seldom has the speaker
// of the turn before (4% of turns in consecutive paragraphs on PDNC) and usually answers
// the one before that (86%). Each turn's own evidence weighs on it: a known speaker, the
// gender of "said she", the name a speech calls (never its speaker; likely the next one),
// the character the narration of its paragraph is about. Forward–backward gives each turn
// the probability of each speaker (the model shows a clear winner as a guess and rules out
// names next to impossible). "Someone else" is one of the states, so a stranger's turn does
// not have to go to a known face.
// Pure: strings in, probabilities out; linear in the conversation's turns.

export type Gender = 'm' | 'f';

/** What a turn of a conversation says about its speaker. */
export interface ChainTurn {
  /** A speaker other sieves are sure of. */
  known?: string;
  /** A speaker some sieve guessed, below the bar. */
  guess?: string;
  /** The gender a pronoun or description tag gives ("said she", "replied his wife"). */
  gender?: Gender;
  /** Its tag describes its speaker ("replied his wife", "said the old man"): someone the book may not name. */
  described?: boolean;
  /** The gender of the pronoun that is the subject of the narration leading into it ("she spoke again."). */
  lead?: Gender;
  /** The gender of the one it addresses ("sir", "ma'am"): often the next turn's speaker. */
  addressing?: Gender;
  /** The names its speeches call someone by: never the speaker, often the next turn's. */
  calls: readonly string[];
  /** Characters its speeches name: seldom the speaker ("I don't know what Harry has been saying to you"). */
  spoken: readonly string[];
  /** Characters the narration of its paragraph is about (the one it opens on, sentence subjects). */
  about: readonly string[];
  /** Characters its narration names otherwise. */
  named: readonly string[];
  /** Paragraph after the previous turn's, with no narration between. */
  adjacent: boolean;
  /** Its paragraph opens on narration before the speech ("Elizabeth coloured. “…”"). */
  narrated: boolean;
  /** How many people are sure to speak within a few turns of it. */
  voices: number;
}

export interface ChainResult {
  /** The most probable speaker of each turn (undefined: "someone else" is likelier). */
  name?: string;
  /** Its probability. */
  p: number;
  /** The most probable speaker of the turn before, for the reason shown. */
  after?: string;
  /** Each of the people's probability of speaking it. */
  dist: Map<string, number>;
  /** The probability that it is someone else, no one of the people. */
  elsewhere: number;
}

/**
 * Measured on PDNC's nine novels (labelled speakers, turns in consecutive paragraphs or with one paragraph of
 * narration between). The same speaker again: 2% after a paragraph that opens on the speech, 20–35% when narration
 * opens it, 30–45% across narration. Answering the one before the last: 100% between two people, 87% among three,
 * 68% among more (72 / 54% when narration opens the paragraph, 40–67% across narration).
 */
function sameSpeaker(turn: ChainTurn): number {
  return !turn.adjacent ? 0.4 : turn.narrated ? 0.25 : 0.025;
}
function answers(turn: ChainTurn, voices: number): number {
  // The more voices, the less each turn answers the one before the last.
  const base = voices <= 2 ? 0.95 : voices === 3 ? 0.86 : 0.68;
  return !turn.adjacent ? base * 0.7 : turn.narrated ? base * 0.82 : base;
}
const OTHER = '\u0000someone else';
/** Below this (of a normalised step) a pair of speakers is taken as excluded. */
const NEGLIGIBLE = 1e-9;

/**
 * Decodes one conversation. `people` are its possible speakers (the caller picks them from the
 * conversation and the narration around it); `gender` what the book says of theirs.
 */
export function decodeConversation(turns: readonly ChainTurn[], people: readonly string[], gender: ReadonlyMap<string, Gender>): ChainResult[] {
  const names = [...people, OTHER];
  const K = names.length;
  const T = turns.length;
  if (T === 0) return [];
  const index = new Map(names.map((n, i) => [n, i]));
  // How prominent each person is in the conversation: a newcomer is more likely one the narration names.
  const weight = new Float64Array(K).fill(1);
  for (const turn of turns) {
    for (const c of turn.about) bump(c, 1);
    for (const c of turn.named) bump(c, 0.5);
    for (const c of turn.calls) bump(c, 0.5);
    if (turn.known) bump(turn.known, 1);
  }
  // Someone else is likelier where a tag describes a speaker the book does not name here ("said the old lady"):
  // it may be anyone, a character of the cast among them.
  weight[K - 1] = 0.6 + 2 * turns.filter((turn) => turn.described && !turn.known).length;
  function bump(c: string, by: number): void {
    const i = index.get(c);
    if (i !== undefined) weight[i] += by;
  }

  // Evidence for each speaker of each turn (a likelihood up to a constant).
  const ev: Float64Array[] = turns.map((turn, t) => {
    const e = new Float64Array(K).fill(1);
    for (let i = 0; i < K; i++) {
      const c = names[i];
      const g = c === OTHER ? undefined : gender.get(c);
      if (turn.known) e[i] *= c === turn.known ? 1 : 0.01;
      else if (turn.guess) e[i] *= c === turn.guess ? 3 : 1;
      if (turn.gender) e[i] *= g === turn.gender ? 1 : g ? 0.005 : 0.3;
      if (turn.lead && !turn.gender) e[i] *= g === turn.lead ? 1 : g ? 0.1 : 0.4;
      if (turn.described && c === OTHER) e[i] *= 2;
      if (turn.calls.includes(c)) e[i] *= 0.03;
      else if (turn.spoken.includes(c)) e[i] *= 0.15;
      if (t > 0 && turns[t - 1].calls.includes(c)) e[i] *= 8;
      if (t > 0 && turns[t - 1].addressing && g) e[i] *= g === turns[t - 1].addressing ? 1.5 : 0.4;
      if (turn.about.includes(c)) e[i] *= 3;
      else if (turn.named.includes(c)) e[i] *= 1.3;
    }
    return e;
  });

  // States are pairs (speaker of the turn before, speaker of this turn): index a * K + b.
  const S = K * K;
  // From (a, b) to c: b again; a, answering b; or someone not in the exchange, by prominence. "Someone else" is no
  // one in particular, so it may follow itself.
  const total = weight.reduce((x, y) => x + y, 0);
  const trans = (a: number, b: number, c: number, turn: ChainTurn): number => {
    const pSame = b !== K - 1 ? sameSpeaker(turn) : 0;
    const pAnswer = a !== b ? (1 - pSame) * answers(turn, turn.voices) : 0;
    if (c === b && b !== K - 1) return pSame;
    if (c === a && a !== b) return pAnswer;
    const rest = total - (b !== K - 1 ? weight[b] : 0) - (a !== b ? weight[a] : 0);
    return rest > 0 ? ((1 - pSame - pAnswer) * weight[c]) / rest : 0;
  };

  // Forward: alpha[t][a*K+b], normalised each step. The first turn's "before" is nobody (a = b, "no one to answer").
  const alpha: Float64Array[] = [];
  const first = new Float64Array(S);
  let z = 0;
  for (let b = 0; b < K; b++) {
    const v = weight[b] * ev[0][b];
    first[b * K + b] = v;
    z += v;
  }
  for (let s = 0; s < S; s++) first[s] /= z || 1;
  alpha.push(first);
  // Transition tables per kind of step, computed once.
  const tables = new Map<string, Float64Array>();
  const table = (turn: ChainTurn) => {
    const k = `${turn.adjacent}${turn.narrated}${Math.min(3, Math.max(2, turn.voices))}`;
    let m = tables.get(k);
    if (!m) {
      m = new Float64Array(K * K * K);
      for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) for (let c = 0; c < K; c++) m[(a * K + b) * K + c] = trans(a, b, c, turn);
      tables.set(k, m);
    }
    return m;
  };
  for (let t = 1; t < T; t++) {
    const m = table(turns[t]);
    const prev = alpha[t - 1];
    const cur = new Float64Array(S);
    let sum = 0;
    for (let a = 0; a < K; a++) {
      for (let b = 0; b < K; b++) {
        const pa = prev[a * K + b];
        // A pair of speakers the conversation has all but excluded adds nothing: skipped, which keeps a turn
        // near K² work rather than K³.
        if (pa < NEGLIGIBLE) continue;
        for (let c = 0; c < K; c++) {
          const v = pa * m[(a * K + b) * K + c] * ev[t][c];
          cur[b * K + c] += v;
          sum += v;
        }
      }
    }
    for (let s = 0; s < S; s++) cur[s] /= sum || 1;
    alpha.push(cur);
  }
  // Backward.
  const beta: Float64Array[] = new Array(T);
  beta[T - 1] = new Float64Array(S).fill(1);
  for (let t = T - 2; t >= 0; t--) {
    const m = table(turns[t + 1]);
    const next = beta[t + 1];
    const cur = new Float64Array(S);
    let sum = 0;
    const here = alpha[t];
    for (let a = 0; a < K; a++) {
      for (let b = 0; b < K; b++) {
        // Its posterior is alpha × beta: where alpha is negligible, so is the product.
        if (here[a * K + b] < NEGLIGIBLE) continue;
        let v = 0;
        for (let c = 0; c < K; c++) v += m[(a * K + b) * K + c] * ev[t + 1][c] * next[b * K + c];
        cur[a * K + b] = v;
        sum += v;
      }
    }
    for (let s = 0; s < S; s++) cur[s] /= sum || 1;
    beta[t] = cur;
  }
  const out: ChainResult[] = [];
  for (let t = 0; t < T; t++) {
    const speaker = new Float64Array(K);
    const before = new Float64Array(K);
    let sum = 0;
    for (let a = 0; a < K; a++) {
      for (let b = 0; b < K; b++) {
        const v = alpha[t][a * K + b] * beta[t][a * K + b];
        speaker[b] += v;
        before[a] += v;
        sum += v;
      }
    }
    let best = 0;
    for (let b = 1; b < K; b++) if (speaker[b] > speaker[best]) best = b;
    let prior = 0;
    for (let a = 1; a < K; a++) if (before[a] > before[prior]) prior = a;
    const dist = new Map<string, number>();
    for (let b = 0; b < K - 1; b++) dist.set(names[b], sum > 0 ? speaker[b] / sum : 0);
    out.push({
      name: best === K - 1 ? undefined : names[best],
      p: sum > 0 ? speaker[best] / sum : 0,
      after: t > 0 && prior !== K - 1 ? names[prior] : undefined,
      dist,
      elsewhere: sum > 0 ? speaker[K - 1] / sum : 1,
    });
  }
  return out;
}
