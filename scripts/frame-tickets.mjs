#!/usr/bin/env node
// Frames labelled tickets as real emails arrive: an opening before the description (a greeting, a forwarded-message
// header, a web-form preamble) and a closing after it (a sign-off, a signature block, a disclaimer, a quoted
// automatic acknowledgement), taken from a frames file {"en"|"zh-CN"|"zh-TW": {"open": [...], "close": [...]}} by the
// ticket's `lang` (zh-HK and zh-TW read zh-TW, other zh read zh-CN, the rest en). Labels stay as they are: a frame
// is neutral. Every choice is a SHA-256 of the seed and the ticket id, so a ticket is framed the same way whatever
// the order or the other tickets of the file.
//   node scripts/frame-tickets.mjs --frames FRAMES.json IN.jsonl [--share 1] [--seed frames] [--suffix=-fr]
//                                  [--half even|odd] > OUT.jsonl
// --share: the part of the tickets written (framed), by hash; --suffix: appended to each id (framed copies beside
// the originals); --half: only the even or odd items of each list (tune on one half, train on the other).
// Measures how the classifier holds up on framed text (docs/classification.md §7): frames for training and tuning
// are in policies/training/frames.json, frames for evaluation only in policies/evaluation/frames.json.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const LOCALES = ['en', 'zh-CN', 'zh-TW'];

export function localeOf(lang) {
  const l = String(lang ?? 'en');
  if (!l.toLowerCase().startsWith('zh')) return 'en';
  return /^zh-(?:tw|hk|mo|hant)/i.test(l) ? 'zh-TW' : 'zh-CN';
}

/** The frames file checked: each locale with non-empty string lists; `half` keeps the even or odd items. */
export function readFrames(text, half) {
  const frames = JSON.parse(text);
  const out = {};
  for (const l of LOCALES) {
    for (const part of ['open', 'close']) {
      const list = frames?.[l]?.[part];
      if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x.trim()))
        throw new Error(`frames: ${l}.${part} must be a non-empty list of non-empty strings`);
      const kept = half ? list.filter((_, i) => i % 2 === (half === 'even' ? 0 : 1)) : list;
      out[l] = { ...out[l], [part]: kept };
    }
  }
  return out;
}

/** The ticket framed (or null when the share leaves it out); the description gains an opening and a closing. */
export function frameTicket(ticket, frames, { seed = 'frames', share = 1, suffix = '' } = {}) {
  const h = createHash('sha256').update(`${seed}:${ticket.id}`).digest();
  if (h.readUInt32BE(0) / 2 ** 32 >= share) return null;
  const f = frames[localeOf(ticket.lang)];
  const open = f.open[h.readUInt32BE(4) % f.open.length];
  const close = f.close[h.readUInt32BE(8) % f.close.length];
  // A blank line between the parts three times in four, a single new line otherwise (a paragraph break or not).
  const gap = (b) => (b < 192 ? '\n\n' : '\n');
  const description = `${open}${gap(h[12])}${ticket.description ?? ''}${gap(h[13])}${close}`;
  return { ...ticket, id: `${ticket.id}${suffix}`, description };
}

function main() {
  const { values, positionals } = parseArgs({
    options: {
      frames: { type: 'string' },
      share: { type: 'string', default: '1' },
      seed: { type: 'string', default: 'frames' },
      suffix: { type: 'string', default: '' },
      half: { type: 'string' },
    },
    allowPositionals: true,
  });
  const share = Number(values.share);
  if (!values.frames || positionals.length !== 1 || !(share > 0 && share <= 1) || (values.half && !['even', 'odd'].includes(values.half))) {
    process.stderr.write(
      'usage: node scripts/frame-tickets.mjs --frames FRAMES.json IN.jsonl [--share 0-1] [--seed S] [--suffix S] [--half even|odd]\n',
    );
    process.exit(2);
  }
  const frames = readFrames(fs.readFileSync(values.frames, 'utf8'), values.half);
  const lines = fs.readFileSync(positionals[0], 'utf8').split('\n');
  let written = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let t;
    try {
      t = JSON.parse(line);
    } catch {
      throw new Error(`${positionals[0]}:${i + 1}: not a JSON object; fix or remove the line`);
    }
    const framed = frameTicket(t, frames, { seed: values.seed, share, suffix: values.suffix });
    if (framed) {
      process.stdout.write(`${JSON.stringify(framed)}\n`);
      written++;
    }
  });
  process.stderr.write(`framed ${written} tickets\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${fs.realpathSync(process.argv[1])}`).href) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`frame-tickets: ${e.message}\n`);
    process.exit(1);
  }
}
