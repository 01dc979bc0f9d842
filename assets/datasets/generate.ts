// Generates the two synthetic sample datasets (churn, housing) deterministically; penguins.csv is real data
// (Palmer Penguins, CC0, taken from the vega-datasets npm package). Run: npx tsx assets/datasets/generate.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../electron/ml/random.js';

const here = import.meta.dirname;

/** Seeded uniform draws in [0, 1), so the data is the same on every machine. */
function seededRandom(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.uniform();
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function pick<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r <= 0) return items[i];
  }
  return items[items.length - 1];
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null) => (v === null ? '' : String(v));
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** How a later batch of customers differs from the reference one (all zero = same population). */
interface ChurnShift {
  seed: number;
  /** added to every monthly charge */
  priceIncrease: number;
  /** extra weight for fiber internet and month-to-month contracts */
  moreFiber: number;
  fewerLongContracts: number;
}

const REFERENCE: ChurnShift = { seed: 20261128, priceIncrease: 0, moreFiber: 0, fewerLongContracts: 0 };
const SHIFTED_BATCH: ChurnShift = { seed: 7, priceIncrease: 9, moreFiber: 45, fewerLongContracts: 12 };

function churn(n: number, shift: ChurnShift = REFERENCE): string {
  const rand = seededRandom(shift.seed);
  const rows: (string | number | boolean | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const contract = pick(rand, ['month-to-month', 'one_year', 'two_year'], [55 + shift.fewerLongContracts, 25, 20 - shift.fewerLongContracts]);
    const internet = pick(rand, ['dsl', 'fiber', 'none'], [35, 45 + shift.moreFiber, 20]);
    const payment = pick(rand, ['card', 'bank_transfer', 'electronic_check', 'mailed_check'], [25, 25, 33, 17]);
    const senior = rand() < 0.16;
    const tenure = Math.max(0, Math.round(contract === 'month-to-month' ? 18 * rand() ** 1.5 * 4 : 20 + 52 * rand()));
    const monthly = round((internet === 'fiber' ? 80 : internet === 'dsl' ? 55 : 22) + shift.priceIncrease + 12 * normal(rand), 2);
    const supportCalls = Math.floor(-Math.log(Math.max(rand(), 1e-9)) * (internet === 'fiber' ? 2.2 : 1.2));
    const total = tenure === 0 ? null : rand() < 0.01 ? null : round(monthly * tenure * (0.95 + 0.1 * rand()), 2);
    const logit =
      -1.2 +
      (contract === 'month-to-month' ? 1.6 : contract === 'one_year' ? -0.3 : -1.4) +
      (internet === 'fiber' ? 0.7 : 0) +
      (payment === 'electronic_check' ? 0.6 : 0) +
      (senior ? 0.4 : 0) -
      0.035 * tenure +
      0.012 * (monthly - 60) +
      0.3 * supportCalls;
    const churned = rand() < 1 / (1 + Math.exp(-logit));
    rows.push([tenure, monthly, total, contract, internet, payment, senior, supportCalls, churned ? 'yes' : 'no']);
  }
  return toCsv(
    ['tenure_months', 'monthly_charges', 'total_charges', 'contract', 'internet_service', 'payment_method', 'senior', 'support_calls', 'churn'],
    rows,
  );
}

function housing(n: number): string {
  const rand = seededRandom(42);
  const neighborhoods = ['riverside', 'old_town', 'hillcrest', 'industrial', 'lakeview'] as const;
  const premium: Record<(typeof neighborhoods)[number], number> = { riverside: 1.15, old_town: 1.05, hillcrest: 1.3, industrial: 0.8, lakeview: 1.45 };
  const rows: (string | number | boolean | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const hood = pick(rand, neighborhoods, [25, 20, 20, 15, 20]);
    const bedrooms = Math.max(1, Math.min(7, Math.round(3 + 1.1 * normal(rand))));
    const sqft = Math.round(Math.max(380, 450 * bedrooms + 300 * normal(rand) + 200));
    const bathrooms = Math.max(1, Math.min(bedrooms + 1, Math.round((bedrooms * 0.6 + rand()) * 2) / 2));
    const yearBuilt = Math.round(Math.min(2025, 1900 + 125 * rand() ** 0.7));
    const distance = round(Math.max(0.3, 2 + 9 * rand() ** 1.3 + (hood === 'industrial' ? 4 : 0)), 2);
    const garage = rand() < 0.62;
    const lot = rand() < 0.04 ? null : Math.round(sqft * (1.5 + 3 * rand()));
    const price =
      (40000 + 145 * sqft * premium[hood] + 9000 * bathrooms + 450 * (yearBuilt - 1950) - 7200 * distance + (garage ? 14000 : 0) + (lot ?? 3000) * 3.1) *
      Math.exp(0.09 * normal(rand));
    rows.push([sqft, bedrooms, bathrooms, yearBuilt, lot, hood, distance, garage, Math.round(price / 100) * 100]);
  }
  return toCsv(['sqft', 'bedrooms', 'bathrooms', 'year_built', 'lot_size', 'neighborhood', 'distance_km', 'garage', 'price'], rows);
}

writeFileSync(join(here, 'churn.csv'), churn(5000));
// A later batch of customers for the drift example: higher prices, more fiber, fewer long contracts.
writeFileSync(join(here, 'churn_current.csv'), churn(1500, SHIFTED_BATCH));
writeFileSync(join(here, 'housing.csv'), housing(4000));
console.log('wrote churn.csv, churn_current.csv and housing.csv');
