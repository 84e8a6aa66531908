/**
 * Classification quality of the default policy WITH its learned model (as the connector and CLI
 * run it), on data it was not trained or tuned on: the held-out split of the training corpus
 * (policies/training/heldout.jsonl, in the repository), every set written blind
 * (policies/evaluation/external*.jsonl, one row each in the test.each table below) and, where ../shared exists (or
 * COMPLAINT_DESK_SHARED_DIR points at it), the two shared labelled sets and the CFPB corpus (no money
 * complaint may raise safety). Prints every number; asserts the floors in QUALITY_FLOORS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../policies/src/engine';
import { evaluate, type EvalReport } from '../../../policies/src/training/evaluate';
import type { LabelledTicket } from '../../../policies/src/training/train-model';
import type { Policy } from '../../../policies/src/types';
import { SHARED_DIR } from '../../support/shared-samples';
import { policyWithModel, readLabelled } from '../../support/labelled-sets';

const root = path.resolve(__dirname, '../../..');
const shared = SHARED_DIR;

let policy: Policy;
beforeAll(() => {
  policy = policyWithModel();
});

function report(name: string, tickets: LabelledTicket[]): EvalReport {
  const r = evaluate(tickets.map((ticket) => ({ ticket, got: classify(ticket, policy) })));
  // Aggregates only: per-ticket lines of a held-out or evaluation set would show whoever reads a test log
  // which tickets fail, and tuning on them spends the set (`complaint-desk eval` lists them on request).
  const f1 = Object.entries(r.signals).map(([s, v]) => `${s} ${v.f1.toFixed(3)}`);
  console.log(
    `${name}: n ${r.n}, category ${r.category.toFixed(3)}, severity ${r.severity.toFixed(3)}, signal macro-F1 ${r.signalMacroF1.toFixed(3)}, ` +
      `L1 ${r.l1.found}/${r.l1.total}, safety missed ${r.safetyMissed.length}; ${f1.join(', ')}`,
  );
  return r;
}

/** Floors this commit meets (docs/classification.md §7–8: the targets still open). */
const QUALITY_FLOORS = {
  // measured (round-13 model and rules, adjudicated labels): category 0.938, severity 0.955, signal macro-F1 0.962, L1 recall 0.989 (91/92) (target L1 recall 1: not met; 1 safety case missed, asked for review)
  heldout: { category: 0.93, severity: 0.94, signalMacroF1: 0.945, l1Recall: 0.98 },
  // measured on the 300 written blind (policies/evaluation/external.jsonl): category 0.967, severity 0.977, signal macro-F1 0.969, L1 recall 0.988 (79/80)
  external: { category: 0.96, severity: 0.94, signalMacroF1: 0.92, l1Recall: 0.96 },
  // measured on the 300 of round 3 (policies/evaluation/external2.jsonl): category 0.980, severity 0.980, signal macro-F1 0.985, L1 recall 1
  external2: { category: 0.95, severity: 0.96, signalMacroF1: 0.94, l1Recall: 1 },
  // measured on the 300 of round 4 (policies/evaluation/external3.jsonl): category 0.987, severity 0.973, signal macro-F1 0.968, L1 recall 1
  external3: { category: 0.96, severity: 0.95, signalMacroF1: 0.94, l1Recall: 1 },
  // measured on the 299 of round 5 (policies/evaluation/external4.jsonl; its safety errors were studied in round 6): category 0.990, severity 0.973, signal macro-F1 0.982, L1 recall 1 (83/83)
  external4: { category: 0.95, severity: 0.95, signalMacroF1: 0.96, l1Recall: 0.98 },
  // measured on the 300 of round 6 (policies/evaluation/external5.jsonl; studied in round 7): category 0.940, severity 0.973, signal macro-F1 0.983, L1 recall 1 (83/83)
  external5: { category: 0.93, severity: 0.93, signalMacroF1: 0.95, l1Recall: 0.95 },
  // measured on the 300 of round 7 (policies/evaluation/external6.jsonl): category 0.990, severity 0.993, signal macro-F1 0.987, L1 recall 1 (82/82)
  external6: { category: 0.97, severity: 0.97, signalMacroF1: 0.96, l1Recall: 0.98 },
  // measured on the second 300 of round 7 (policies/evaluation/external7.jsonl): category 0.987, severity 0.983, signal macro-F1 0.971, L1 recall 1 (82/82)
  external7: { category: 0.97, severity: 0.96, signalMacroF1: 0.95, l1Recall: 0.98 },
  // measured once on the 300 of round 8 (policies/evaluation/external8.jsonl, written blind to be hard): category 0.993, severity 0.967, signal macro-F1 0.974, L1 recall 0.987 (77/78)
  external8: { category: 0.97, severity: 0.95, signalMacroF1: 0.95, l1Recall: 0.97 },
  // measured once on the second 300 of round 8 (policies/evaluation/external9.jsonl, real customers' voice): category 0.970, severity 0.983, signal macro-F1 0.974, L1 recall 1 (84/84)
  external9: { category: 0.95, severity: 0.96, signalMacroF1: 0.95, l1Recall: 0.98 },
  // measured once on the 300 of round 9 (policies/evaluation/external10.jsonl, a weekly-inbox mix): category 0.990, severity 0.987, signal macro-F1 0.953, L1 recall 0.988 (81/82)
  external10: { category: 0.97, severity: 0.96, signalMacroF1: 0.93, l1Recall: 0.98 },
  // measured once on the 300 of round 10 (policies/evaluation/external11.jsonl, one week of an inbox as agents see it): category 0.927, severity 0.953, signal macro-F1 0.897, L1 recall 1 (82/82)
  external11: { category: 0.91, severity: 0.93, signalMacroF1: 0.88, l1Recall: 0.98 },
  // measured once on the 300 of round 11 (policies/evaluation/external12.jsonl, an inbox week with forwarded reviews): category 0.957, severity 0.947, signal macro-F1 0.940, L1 recall 1 (81/81)
  external12: { category: 0.93, severity: 0.92, signalMacroF1: 0.91, l1Recall: 0.98 },
  // measured once on the 300 of round 12 (policies/evaluation/external13.jsonl, a retailer's inbox month): category 0.917, severity 0.903, signal macro-F1 0.870, L1 recall 0.976 (80/82)
  external13: { category: 0.89, severity: 0.88, signalMacroF1: 0.84, l1Recall: 0.95 },
  // measured once on the 299 of round 13 (policies/evaluation/external14.jsonl, an appliance seller's and installer's inbox month): category 0.957, severity 0.970, signal macro-F1 0.927, L1 recall 1 (83/83)
  external14: { category: 0.93, severity: 0.94, signalMacroF1: 0.9, l1Recall: 0.98 },
  // measured once on the 300 of round 14 (policies/evaluation/external15.jsonl, a furniture and home-goods company's inbox month): category 0.953, severity 0.957, signal macro-F1 0.945, L1 recall 1 (73/73)
  external15: { category: 0.93, severity: 0.93, signalMacroF1: 0.92, l1Recall: 0.98 },
  // measured once on the 300 of round 15 (policies/evaluation/external16.jsonl, a personal-care and home-health devices brand's inbox month): category 0.943, severity 0.903, signal macro-F1 0.913, L1 recall 1 (84/84)
  external16: { category: 0.92, severity: 0.88, signalMacroF1: 0.89, l1Recall: 0.98 },
  // measured once on the 300 of round 16 (policies/evaluation/external17.jsonl, a pet-supplies and pet-tech brand's inbox month): category 0.927, severity 0.977, signal macro-F1 0.946, L1 recall 0.975 (77/79; both misses ask for review)
  external17: { category: 0.9, severity: 0.95, signalMacroF1: 0.92, l1Recall: 0.95 },
  // measured once on the 300 of round 17 (policies/evaluation/external18.jsonl, a drone, camera and hobby-electronics brand's inbox month): category 0.953, severity 0.957, signal macro-F1 0.978, L1 recall 0.964 (81/84; two misses ask for review, one is silent)
  external18: { category: 0.93, severity: 0.93, signalMacroF1: 0.95, l1Recall: 0.95 },
  // measured once on the 300 of round 18 (policies/evaluation/external19.jsonl, a smart-home and home-security company's inbox month): category 0.907, severity 0.930, signal macro-F1 0.954, L1 recall 0.937 (74/79; three misses ask for review, two are silent)
  external19: { category: 0.88, severity: 0.9, signalMacroF1: 0.93, l1Recall: 0.92 },
  // measured once on the 300 of round 19 (policies/evaluation/external20.jsonl, a musical-instrument and pro-audio retailer's inbox month): category 0.947, severity 0.947, signal macro-F1 0.958, L1 recall 0.970 (64/66; one miss asks for review, one is silent)
  external20: { category: 0.92, severity: 0.92, signalMacroF1: 0.93, l1Recall: 0.95 },
  // measured once on the 300 of round 20 (policies/evaluation/external21.jsonl, a toy, games and hobby store's inbox month): category 0.960, severity 0.947, signal macro-F1 0.976, L1 recall 0.984 (63/64; the miss asks for review)
  external21: { category: 0.94, severity: 0.92, signalMacroF1: 0.95, l1Recall: 0.95 },
  // measured once on the 300 of round 21 (policies/evaluation/external22.jsonl, a bakery-café chain and packaged-snacks brand's inbox month, the first food business): category 0.887, severity 0.883, signal macro-F1 0.931, L1 recall 0.781 (50/64; 10 misses ask for review, 4 are silent; 3 safety cases missed)
  external22: { category: 0.86, severity: 0.86, signalMacroF1: 0.91, l1Recall: 0.76 },
  // measured once on the 299 of round 22 (policies/evaluation/external23.jsonl, an eyewear and hearing-care chain's inbox month): category 0.890, severity 0.953, signal macro-F1 0.931, L1 recall 0.971 (67/69; one miss asks for review, one is silent; 2 safety cases missed)
  external23: { category: 0.86, severity: 0.93, signalMacroF1: 0.91, l1Recall: 0.95 },
  // measured once on the 300 of round 24 (policies/evaluation/external24.jsonl, a gym and fitness-studio chain with an online shop): category 0.840, severity 0.913, signal macro-F1 0.966, L1 recall 0.934 (57/61; three misses ask for review, one is silent; 4 safety cases missed)
  external24: { category: 0.81, severity: 0.89, signalMacroF1: 0.94, l1Recall: 0.91 },
  // measured once on the 360 of round 27 (policies/evaluation/external25.jsonl, an online travel agency): category 0.744, severity 0.875, signal macro-F1 0.958, L1 recall 0.948 (73/77; three misses ask for review, one is silent; 2 safety cases missed)
  external25: { category: 0.72, severity: 0.85, signalMacroF1: 0.93, l1Recall: 0.92 },
  // measured once on the 360 of round 27 (policies/evaluation/external26.jsonl, an online grocery and meal-kit service): category 0.831, severity 0.894, signal macro-F1 0.955, L1 recall 0.952 (60/63; every miss asks for review; 1 safety case missed)
  // round 29's model: category 0.844, severity 0.903, signal macro-F1 0.971, L1 recall 0.921 (58/63; every miss asks for review; round 28's model 59/63)
  external26: { category: 0.81, severity: 0.87, signalMacroF1: 0.94, l1Recall: 0.92 },
  // measured once on the 120 of round 29 (policies/evaluation/external27.jsonl, a telecom operator's inbox month), round 29's model: category 0.925, severity 0.975, signal macro-F1 0.976, L1 recall 1 (26/26); round 28's model had scored 0.900 / 0.975 / 0.976
  external27: { category: 0.9, severity: 0.95, signalMacroF1: 0.95, l1Recall: 0.96 },
  // measured once on the 120 of round 29 (policies/evaluation/external28.jsonl, a pet-supplies retailer with vet clinics): category 0.950, severity 0.917, signal macro-F1 0.961, L1 recall 1 (26/26; 2 false safety alarms); round 28's model: 0.950 / 0.917 / 0.967
  external28: { category: 0.92, severity: 0.89, signalMacroF1: 0.93, l1Recall: 0.96 },
  // measured once on the 120 of round 29 (policies/evaluation/external29.jsonl, a children's activity-centre chain): category 0.875, severity 0.967, signal macro-F1 0.971, L1 recall 1 (25/25; 1 safety case missed, asked for review); round 28's model: 0.825 / 0.950 / 0.964, L1 24/25
  external29: { category: 0.85, severity: 0.94, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 29 (policies/evaluation/external30.jsonl, a removals and storage company): category 0.758, severity 0.950, signal macro-F1 0.974, L1 recall 1 (25/25); round 28's model: 0.775 / 0.942 / 0.966
  external30: { category: 0.73, severity: 0.92, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 29 (policies/evaluation/external31.jsonl, a spa and massage chain): category 0.700, severity 0.933, signal macro-F1 0.961, L1 recall 1 (26/26); round 28's model: 0.650 / 0.950 / 0.958
  external31: { category: 0.67, severity: 0.9, signalMacroF1: 0.93, l1Recall: 0.96 },
  // measured once on the 120 of round 30 (policies/evaluation/external32.jsonl, a credit-card bank: money, few hazards, injuries and fires named only as the subject of a charge or a claim): category 0.867, severity 0.958, signal macro-F1 0.926, L1 recall 1 (9/9; 1 false safety alarm); round 29's model scored the same
  external32: { category: 0.84, severity: 0.93, signalMacroF1: 0.9, l1Recall: 0.88 },
  // measured once on the 120 of round 30 (policies/evaluation/external33.jsonl, a gas, electricity and water utility): category 0.875, severity 0.917, signal macro-F1 0.931, L1 recall 0.962 (25/26; the miss asks for review; 2 safety cases missed); round 29's model: 0.867 / 0.925 / 0.931, L1 26/26
  external33: { category: 0.85, severity: 0.89, signalMacroF1: 0.9, l1Recall: 0.92 },
  // measured once on the 120 of round 29's late writer (policies/evaluation/external34.jsonl, a residential property manager): category 0.775, severity 0.833, signal macro-F1 0.959, L1 recall 1 (27/27; 2 safety cases missed); round 29's model: 0.792 / 0.800 / 0.955, L1 25/27; round 35's model: 0.783 / 0.825 / 0.926, L1 26/27 (the miss asks for review)
  external34: { category: 0.75, severity: 0.8, signalMacroF1: 0.9, l1Recall: 0.96 },
  // measured once on the 120 of round 30 (policies/evaluation/external35.jsonl, a car service and repair garage chain): category 0.825, severity 0.958, signal macro-F1 0.969, L1 recall 1 (25/25); round 29's model: 0.808 / 0.958 / 0.969
  external35: { category: 0.8, severity: 0.93, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 30 (policies/evaluation/external36.jsonl, an event ticketing platform): category 0.683, severity 0.883, signal macro-F1 0.968, L1 recall 1 (24/24); round 29's model: 0.683 / 0.875 / 0.952
  external36: { category: 0.65, severity: 0.85, signalMacroF1: 0.94, l1Recall: 0.95 },
  // measured once on the 120 of round 30's third wave (policies/evaluation/external37.jsonl, a brand of children's car seats, strollers and high chairs), round 30's model: category 0.892, severity 0.967, signal macro-F1 0.976, L1 recall 1 (25/25; 1 false safety alarm)
  external37: { category: 0.86, severity: 0.94, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 30's third wave (policies/evaluation/external38.jsonl, a hotel chain): category 0.858, severity 0.858, signal macro-F1 0.960, L1 recall 0.926 (25/27; both misses ask for review, both safety cases; 2 false safety alarms)
  external38: { category: 0.83, severity: 0.83, signalMacroF1: 0.93, l1Recall: 0.9 },
  // measured once on the 120 of round 31 (policies/evaluation/external39.jsonl, a brand of hair dryers, shavers, toothbrushes and massagers): category 0.917, severity 0.958, signal macro-F1 0.976, L1 recall 1 (26/26)
  external39: { category: 0.89, severity: 0.93, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 31 (policies/evaluation/external40.jsonl, a brand of smart plugs, power strips, extension leads, wall chargers and smart lighting): category 0.933, severity 0.933, signal macro-F1 0.977, L1 recall 0.966 (28/29; the miss asks for review; 2 false safety alarms)
  external40: { category: 0.9, severity: 0.9, signalMacroF1: 0.94, l1Recall: 0.93 },
  // measured once on the 120 of round 31 (policies/evaluation/external41.jsonl, a brand of washing machines, dryers and dishwashers with installation): category 0.917, severity 0.917, signal macro-F1 0.972, L1 recall 0.931 (27/29; both misses silent, dead machines without a hazard; 1 false safety alarm)
  external41: { category: 0.89, severity: 0.89, signalMacroF1: 0.94, l1Recall: 0.9 },
  // measured once on the 120 of round 35 (policies/evaluation/external42.jsonl, a home and electronics retailer with delivery and installation; written with 45 hazards told without the obvious word and 25 traps): category 0.983, severity 0.967, signal macro-F1 0.969, L1 recall 0.980 (50/51; 3 safety cases missed, all asked for review; 1 false safety alarm)
  external42: { category: 0.95, severity: 0.93, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 35 (policies/evaluation/external43.jsonl, a kitchen-appliance and cookware brand; written like external42): category 0.958, severity 0.958, signal macro-F1 0.975, L1 recall 0.980 (50/51; 3 safety cases missed, 2 asked for review; 1 false safety alarm)
  external43: { category: 0.93, severity: 0.93, signalMacroF1: 0.94, l1Recall: 0.96 },
  // measured once on the 120 of round 35's second wave (policies/evaluation/external44.jsonl, a DIY and hardware chain with tool hire; written like external42): category 0.892, severity 0.950, signal macro-F1 0.980, L1 recall 1 (50/50; 1 false safety alarm)
  external44: { category: 0.86, severity: 0.92, signalMacroF1: 0.95, l1Recall: 1 },
  // measured once on the 120 of round 35's second wave (policies/evaluation/external45.jsonl, mobility and home-health equipment with home installation): category 0.967, severity 0.983, signal macro-F1 0.996, L1 recall 0.961 (49/51; both misses are safety cases that ask for review)
  external45: { category: 0.94, severity: 0.95, signalMacroF1: 0.96, l1Recall: 0.94 },
  // measured once on the 120 of round 36 (policies/evaluation/external46.jsonl, a car dealership group with workshops; written with 40 messages about several things, 25 hazards told without the obvious word, 15 traps): category 0.867, severity 0.883, signal macro-F1 0.888, L1 recall 0.935 (29/31; no safety case missed, 1 false safety alarm)
  external46: { category: 0.84, severity: 0.86, signalMacroF1: 0.86, l1Recall: 0.93 },
  // measured once on the 120 of round 36's second writer (policies/evaluation/external47.jsonl, hotels and holiday resorts; the same brief as external46): category 0.783, severity 0.875, signal macro-F1 0.963, L1 recall 0.929 (26/28; both misses are safety cases that ask for review, 1 false safety alarm)
  external47: { category: 0.76, severity: 0.85, signalMacroF1: 0.94, l1Recall: 0.92 },
  // measured by round 38's model on the 120 of round 37's first evaluation writer (policies/evaluation/external48.jsonl, camping and motorhome rental with outdoor gear; the same brief as external46), added in round 38: category 0.933 (round 35's model 0.917), severity 0.908, signal macro-F1 0.897, L1 recall 0.967 (29/30; no safety case missed, 1 false safety alarm)
  external48: { category: 0.91, severity: 0.88, signalMacroF1: 0.87, l1Recall: 0.96 },
  // measured by round 38's model on the 120 of round 37's second evaluation writer (policies/evaluation/external49.jsonl, hair and beauty salons), added in round 38: category 0.875, severity 0.942, signal macro-F1 0.963, L1 recall 1 (30/30; 1 false safety alarm; round 35's model the same)
  external49: { category: 0.85, severity: 0.92, signalMacroF1: 0.94, l1Recall: 1 },
  // measured by round 38's model on the 120 of round 37's third evaluation writer (policies/evaluation/external50.jsonl, pet supplies and grooming), added in round 38: category 0.883, severity 0.925, signal macro-F1 0.938, L1 recall 0.966 (28/29; the one missed safety case asks for review; 2 false safety alarms)
  external50: { category: 0.86, severity: 0.9, signalMacroF1: 0.91, l1Recall: 0.96 },
  // measured once by round 38's model on the 120 of round 38's first evaluation writer (policies/evaluation/external51.jsonl, a fitness-club chain with home exercise equipment; the same brief as external46): category 0.892, severity 0.900, signal macro-F1 0.926, L1 recall 0.971 (33/34; no safety case missed, no false safety alarm)
  external51: { category: 0.87, severity: 0.88, signalMacroF1: 0.9, l1Recall: 0.97 },
  // measured once by round 38's model on the 119 of round 38's coffee-shop writer (policies/evaluation/external52.jsonl, coffee shops selling machines and grinders; one ticket of 120 dropped as too close to a training ticket): category 0.916, severity 0.933, signal macro-F1 0.982, L1 recall 1 (32/32; 1 false safety alarm)
  external52: { category: 0.89, severity: 0.91, signalMacroF1: 0.96, l1Recall: 1 },
  // measured by round 38's model with round 39's rules on the 120 of round 38's furniture writer (policies/evaluation/external53.jsonl, a furniture and mattress retailer; finished after round 38's cut-off, added in round 39): category 0.933, severity 0.925, signal macro-F1 0.972, L1 recall 0.969 (31/32; the one missed safety case asks for review; 1 false safety alarm)
  external53: { category: 0.91, severity: 0.9, signalMacroF1: 0.95, l1Recall: 0.96 },
  // measured by round 38's model with round 39's rules on the 120 of round 38's bakery writer (policies/evaluation/external54.jsonl, a bakery and catering chain that sells bread makers; finished after round 38's cut-off, added in round 39): category 0.900, severity 0.942, signal macro-F1 0.963, L1 recall 1 (30/30; 1 false safety alarm)
  external54: { category: 0.88, severity: 0.92, signalMacroF1: 0.94, l1Recall: 1 },
  // measured once by round 38's model with round 39's rules on the 119 of round 39's phone writer (policies/evaluation/external55.jsonl, phones, power banks, chargers, earbuds and smartwatches; one ticket of 120 dropped as within Jaccard 0.40 of an evaluation ticket): category 0.908, severity 0.975, signal macro-F1 0.964, L1 recall 0.941 (32/34; both missed safety cases ask for review; no false safety alarm)
  external55: { category: 0.88, severity: 0.95, signalMacroF1: 0.94, l1Recall: 0.94 },
  // measured once by round 38's model with round 39's rules on the 120 of round 39's supermarket writer (policies/evaluation/external56.jsonl, a supermarket chain with grocery delivery, a deli and a pharmacy counter): category 0.942, severity 0.892, signal macro-F1 0.950, L1 recall 1 (28/28; 3 false safety alarms)
  external56: { category: 0.92, severity: 0.87, signalMacroF1: 0.93, l1Recall: 1 },
  // measured once by round 38's model with round 39's rules on the 120 of round 39's games-hardware writer (policies/evaluation/external57.jsonl, consoles, controllers, VR headsets, gaming chairs): category 0.958, severity 0.958, signal macro-F1 0.946, L1 recall 1 (31/31; 2 false safety alarms)
  external57: { category: 0.93, severity: 0.93, signalMacroF1: 0.92, l1Recall: 1 },
  // measured on the 130 (round-10 model and rules): category 0.985, severity 0.954, signal macro-F1 0.976, L1 recall 1
  shared: { category: 0.95, severity: 0.95, signalMacroF1: 0.95, l1Recall: 1 },
};

/** Every floor of `f` is met by `r` (each field its own expectation, so a failure names the field). */
function expectFloors(r: EvalReport, f: (typeof QUALITY_FLOORS)[keyof typeof QUALITY_FLOORS]): void {
  expect(r.category).toBeGreaterThanOrEqual(f.category);
  expect(r.severity).toBeGreaterThanOrEqual(f.severity);
  expect(r.signalMacroF1).toBeGreaterThanOrEqual(f.signalMacroF1);
  expect(r.l1.recall).toBeGreaterThanOrEqual(f.l1Recall);
}

test('held-out split of the training corpus (never trained or tuned on)', () => {
  const r = report('policies/training/heldout.jsonl', readLabelled(path.join(root, 'policies/training/heldout.jsonl')));
  expect(r.n).toBeGreaterThan(100);
  expectFloors(r, QUALITY_FLOORS.heldout);
});

// A chat often opens with a greeting before the customer says anything. With one or two n-grams, each
// weighed 1/√count, a single word decided alone: "hi", "thanks" and "你好" came out L1 with safety.
test('a greeting or a bare plea alone raises no safety and is not L1; it asks for review', () => {
  const texts = ['hi', 'hello', 'Hello?', 'thanks', 'please help', 'urgent', '你好', '在吗', '您好', '請問', 'hi there', 'good morning'];
  const got = texts.map((description, i) => ({ description, c: classify({ id: `g${i}`, subject: '', description }, policy) }));
  expect(
    got
      .filter((g) => g.c.signals.includes('safety') || g.c.severity === 'L1')
      .map((g) => `${g.description}: ${g.c.severity} [${g.c.signals}]`),
  ).toEqual([]);
  // "您好" alone got repeat_contact (P 0.40) from the round-3 model; none gets a signal now
  expect(got.filter((g) => g.c.signals.length > 0).map((g) => g.description)).toEqual([]);
  // "請問" ("may I ask") matches the usage rule; models differ on it (round 4: usage, P 0.56; round 10:
  // other, asked for review; round 12: other, P 0.54, above the review threshold). Either is routine and
  // harmless: L3, and where the model overrules the rule the output says so. Every other text here asks.
  const ask = got.find((g) => g.description === '請問')!.c;
  expect(ask.severity).toBe('L3');
  expect(['usage', 'other']).toContain(ask.category);
  if (ask.category !== 'usage') {
    expect(ask.disagreements).toContainEqual(expect.objectContaining({ field: 'category', rules: 'usage', kept: ask.category }));
  }
  for (const g of got) if (g.description !== '請問') expect(g.c.review?.needed).toBe(true);
});

test.each([
  ['independent set written blind', 'external', 300],
  ['second independent set written blind in round 3', 'external2', 300],
  ['third independent set written blind in round 4', 'external3', 300],
  ['fourth independent set written blind in round 5 (its safety errors were studied in round 6)', 'external4', 299],
  ['fifth independent set written blind in round 6 (its signal errors and missed L1 were studied in round 7)', 'external5', 300],
  ['sixth independent set written blind in round 7', 'external6', 300],
  ['seventh independent set written blind in round 7', 'external7', 300],
  ['eighth independent set written blind in round 8, asked to be hard', 'external8', 300],
  ["ninth independent set written blind in round 8, in real customers' voice", 'external9', 300],
  ['tenth independent set written blind in round 9, a weekly-inbox mix', 'external10', 300],
  ['eleventh independent set written blind in round 10, one week of an inbox as agents see it', 'external11', 300],
  ['twelfth independent set written blind in round 11, an inbox week with forwarded reviews', 'external12', 300],
  ["thirteenth independent set written blind in round 12, a retailer's inbox month", 'external13', 300],
  ["fourteenth independent set written blind in round 13, an appliance seller's and installer's inbox month", 'external14', 299],
  ["fifteenth independent set written blind in round 14, a furniture and home-goods company's inbox month", 'external15', 300],
  ["sixteenth independent set written blind in round 15, a personal-care and home-health devices brand's inbox month", 'external16', 300],
  ["seventeenth independent set written blind in round 16, a pet-supplies and pet-tech brand's inbox month", 'external17', 300],
  ["eighteenth independent set written blind in round 17, a drone, camera and hobby-electronics brand's inbox month", 'external18', 300],
  ["nineteenth independent set written blind in round 18, a smart-home and home-security company's inbox month", 'external19', 300],
  ["twentieth independent set written blind in round 19, a musical-instrument and pro-audio retailer's inbox month", 'external20', 300],
  ["twenty-first independent set written blind in round 20, a toy, games and hobby store's inbox month", 'external21', 300],
  [
    "twenty-second independent set written blind in round 21, a bakery-café chain and packaged-snacks brand's inbox month",
    'external22',
    300,
  ],
  ["twenty-third independent set written blind in round 22, an eyewear and hearing-care chain's inbox month", 'external23', 299],
  ["twenty-fourth independent set written blind in round 24, a gym and fitness-studio chain's inbox month", 'external24', 300],
  ["twenty-fifth independent set written blind in round 27, an online travel agency's inbox month", 'external25', 360],
  ["twenty-sixth independent set written blind in round 27, an online grocery and meal-kit service's inbox month", 'external26', 360],
  ["twenty-seventh independent set written blind in round 29, a telecom operator's inbox month", 'external27', 120],
  ["twenty-eighth independent set written blind in round 29, a pet-supplies retailer's and vet clinics' inbox month", 'external28', 120],
  ["twenty-ninth independent set written blind in round 29, a children's activity-centre chain's inbox month", 'external29', 120],
  ["thirtieth independent set written blind in round 29, a removals and storage company's inbox month", 'external30', 120],
  ["thirty-first independent set written blind in round 29, a spa and massage chain's inbox month", 'external31', 120],
  ["thirty-second independent set written blind in round 30, a credit-card bank's inbox month", 'external32', 120],
  ["thirty-third independent set written blind in round 30, a gas, electricity and water utility's inbox month", 'external33', 120],
  [
    "thirty-fourth independent set written blind in round 29 (delivered late), a residential property manager's inbox month",
    'external34',
    120,
  ],
  ["thirty-fifth independent set written blind in round 30, a car service and repair garage chain's inbox month", 'external35', 120],
  ["thirty-sixth independent set written blind in round 30, an event ticketing platform's inbox month", 'external36', 120],
  ["thirty-seventh independent set written blind in round 30, a children's car-seat and stroller brand's inbox month", 'external37', 120],
  ["thirty-eighth independent set written blind in round 30, a hotel chain's inbox month", 'external38', 120],
  ["thirty-ninth independent set written blind in round 31, a personal-care appliance brand's inbox month", 'external39', 120],
  ["fortieth independent set written blind in round 31, a smart-plug, power-strip and lighting brand's inbox month", 'external40', 120],
  ["forty-first independent set written blind in round 31, a washing-machine and dishwasher brand's inbox month", 'external41', 120],
  ["forty-second independent set written blind in round 35, a home and electronics retailer's inbox month", 'external42', 120],
  ["forty-third independent set written blind in round 35, a kitchen-appliance and cookware brand's inbox month", 'external43', 120],
  ["forty-fourth independent set written blind in round 35, a DIY and hardware chain's inbox month", 'external44', 120],
  ["forty-fifth independent set written blind in round 35, a mobility and home-health equipment supplier's inbox month", 'external45', 120],
  ["forty-sixth independent set written blind in round 36, a car dealership group's inbox month", 'external46', 120],
  ["forty-seventh independent set written blind in round 36, a hotel and holiday-resort group's inbox month", 'external47', 120],
  ["forty-eighth independent set written blind in round 37, a camping and motorhome rental company's inbox month", 'external48', 120],
  ["forty-ninth independent set written blind in round 37, a hair and beauty salon chain's inbox month", 'external49', 120],
  ["fiftieth independent set written blind in round 37, a pet supplies and grooming chain's inbox month", 'external50', 120],
  ["fifty-first independent set written blind in round 38, a fitness-club chain's inbox month", 'external51', 120],
  ["fifty-second independent set written blind in round 38, a coffee-shop chain's inbox month", 'external52', 119],
  ["fifty-third independent set written blind in round 38, a furniture and mattress retailer's inbox month", 'external53', 120],
  ["fifty-fourth independent set written blind in round 38, a bakery and catering chain's inbox month", 'external54', 120],
  ["fifty-fifth independent set written blind in round 39, a phone and accessories brand's inbox month", 'external55', 119],
  ["fifty-sixth independent set written blind in round 39, a supermarket chain's inbox month", 'external56', 120],
  ["fifty-seventh independent set written blind in round 39, a video-game hardware brand's inbox month", 'external57', 120],
] as const)('%s (policies/evaluation/%s.jsonl, never trained on)', (_title, set, n) => {
  const file = `policies/evaluation/${set}.jsonl`;
  const r = report(file, readLabelled(path.join(root, file)));
  expect(r.n).toBe(n);
  expectFloors(r, QUALITY_FLOORS[set]);
});

const samples = ['complaints.jsonl', 'complaints-dev.jsonl'].map((f) => path.join(shared, 'samples', f));
const cfpb = path.join(shared, 'corpora', 'cfpb-narratives-1000.jsonl');
const present = samples.every((f) => fs.existsSync(f));
let cfpbClassified: { id: string; c: ReturnType<typeof classify> }[] | null = null;
/** The CFPB narratives classified once, for both CFPB tests. */
const classifiedCfpb = () => (cfpbClassified ??= readLabelled(cfpb).map((t) => ({ id: t.id, c: classify(t, policy) })));

(present ? test : test.skip)('shared labelled sets (complaints.jsonl + complaints-dev.jsonl): every safety case L1 with safety', () => {
  const r = report('shared samples (30 + 100)', samples.flatMap(readLabelled));
  expect(r.safetyMissed).toEqual([]);
  expectFloors(r, QUALITY_FLOORS.shared);
});

(fs.existsSync(cfpb) ? test : test.skip)('CFPB money complaints: none raises safety', () => {
  const raised = classifiedCfpb()
    .filter((x) => x.c.signals.includes('safety'))
    .map((x) => x.id);
  expect(raised).toEqual([]);
});

// A money dispute is at most L2 (domain.md §4: "money wrongly taken"), whatever threat it carries: an
// L1 pages the senior team. The model once learned that a legal threat makes a complaint urgent.
(fs.existsSync(cfpb) ? test : test.skip)('CFPB money complaints: none comes out L1', () => {
  const urgent = classifiedCfpb()
    .filter((x) => x.c.severity === 'L1')
    .map((x) => x.id);
  expect(urgent).toEqual([]);
});

if (!present)
  test.skip(`shared sets not found under ${shared} (../shared beside the repository, or COMPLAINT_DESK_SHARED_DIR): not measured`, () =>
    undefined);
