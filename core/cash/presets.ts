/**
 * Marketplace payout presets: the settlement rules of common marketplaces as dated data, each figure
 * with the published page it comes from or, where no figure is published, the assumption made and
 * why. A request names a preset in `payout.preset` and may override any field; explicit fields win.
 *
 * The figures were checked on 2026-11-25 against stored copies of the pages cited (the live pages
 * were not fetched); marketplaces change these terms, and many of them depend on the account (risk
 * level, plan, volume tier), so every preset is a starting point to be overridden with the figures
 * in the seller's own dashboard.
 *
 * How a rule becomes cash (see ./timeline.ts): a sale of date s is delivered on s + deliveryDays;
 * it is eligible for payout on (delivery or sale date, per `eligibleFrom`) + delayDays; it is paid
 * on the first payout date on or after that day (payout dates every cycleDays); the cash reaches the
 * bank transferDays later. reserveShare of it is held and released reserveReleaseDays after
 * eligibility (on the next payout date). feeRate (the marketplace's own fee, e.g. a referral fee) is
 * deducted from every payout and release; conversionCostRate is charged on the converted amount when
 * the selling currency differs from the account currency.
 */

/** The rule fields a preset sets and a request may override, in the order they are echoed. */
export const payoutRuleFields = [
  'cycleDays',
  'delayDays',
  'eligibleFrom',
  'deliveryDays',
  'transferDays',
  'reserveShare',
  'reserveReleaseDays',
  'feeRate',
  'conversionCostRate',
] as const;
export type PayoutRuleField = (typeof payoutRuleFields)[number];

/** Resolved settlement rules of one marketplace. */
export interface PayoutRules {
  /** Days between payout dates (1 = daily). */
  cycleDays: number;
  /** Days from the eligibility anchor (delivery or sale) until the funds may be paid out. */
  delayDays: number;
  /** What delayDays counts from: the delivery date (Amazon DD+7, TikTok Shop) or the sale/payment date (card processors). */
  eligibleFrom: 'delivery' | 'sale';
  /** Days from the sale date to delivery (0 when sale dates are delivery dates). A logistics figure, not a marketplace term. */
  deliveryDays: number;
  /** Days from the payout date until the money is in the seller's bank account. */
  transferDays: number;
  /** Share of each eligible amount held back as a reserve. */
  reserveShare: number;
  /** Days after eligibility when the reserve is released (on the next payout date). */
  reserveReleaseDays: number;
  /** Marketplace fee deducted from every payout and reserve release, as a fraction of it. */
  feeRate: number;
  /** Currency-conversion cost on the converted net payout, applied only when the selling and account currencies differ. */
  conversionCostRate: number;
}

/** A published page a preset figure comes from. */
export interface PresetSource {
  /** Which rule fields this page supports. */
  fields: PayoutRuleField[];
  /** The page's title as published, with its publisher. */
  title: string;
  url: string;
  /** The page's own date, when it shows one (YYYY-MM-DD). */
  published?: string;
  /** What the page says, paraphrased, that gives the figure. */
  says: string;
}

/** A figure no page found publishes: the value chosen and why. */
export interface PresetAssumption {
  field: PayoutRuleField;
  reasoning: string;
}

export interface PayoutPreset {
  id: PayoutPresetId;
  name: string;
  /** Marketplace country the figures are for. */
  region: string;
  /** Date the figures were checked against the sources (YYYY-MM-DD). */
  asOf: string;
  rules: PayoutRules;
  sources: PresetSource[];
  assumptions: PresetAssumption[];
}

export const payoutPresetIds = ['amazon-us', 'tiktok-shop-us', 'shopify-payments-us', 'generic'] as const;
export type PayoutPresetId = (typeof payoutPresetIds)[number];

/** Defaults of the fields a request without a preset may leave out (cycleDays and delayDays are then required). */
export const payoutRuleDefaults: Omit<PayoutRules, 'cycleDays' | 'delayDays'> = {
  eligibleFrom: 'delivery',
  deliveryDays: 0,
  transferDays: 0,
  reserveShare: 0,
  reserveReleaseDays: 0,
  feeRate: 0,
  conversionCostRate: 0,
};

const CHECKED = '2026-11-25';
const NOT_A_MARKETPLACE_TERM: PresetAssumption = {
  field: 'deliveryDays',
  reasoning: 'Delivery time depends on the seller’s logistics, not on the marketplace: 0 (sale dates are taken as delivery dates). Set it, or give sales by delivery date.',
};

/** The presets, by id. */
export const payoutPresets: Readonly<Record<PayoutPresetId, PayoutPreset>> = {
  'amazon-us': {
    id: 'amazon-us',
    name: 'Amazon (US store), standard DD+7 reserve',
    region: 'US',
    asOf: CHECKED,
    rules: { cycleDays: 14, delayDays: 8, eligibleFrom: 'delivery', deliveryDays: 0, transferDays: 5, reserveShare: 0, reserveReleaseDays: 0, feeRate: 0.15, conversionCostRate: 0.015 },
    sources: [
      {
        fields: ['cycleDays', 'transferDays'],
        title: 'Amazon Seller Support Blog, "Getting Paid - How It Works" (2011-11-21)',
        url: 'http://www.amazonsellersupportblog.com/2011/11/getting-paid-how-it-works-.html',
        published: '2011-11-21',
        says: 'After the first 14-day period, disbursements occur automatically every 14 days; they usually appear in the checking account within 3-5 business days.',
      },
      {
        fields: ['delayDays', 'eligibleFrom', 'reserveShare'],
        title: 'Amazon Seller Central Help, "Payments based on delivery date" (help article 202124090)',
        url: 'https://sellercentral.amazon.com.au/gp/help/external/202124090',
        says: 'Sales proceeds are reserved until a number of days after the delivery date, by default 7 days after the (estimated) delivery date ("DD+7"); afterwards the funds are available for transfer. Example: sold January 1, delivered January 6, available from January 14.',
      },
      {
        fields: ['conversionCostRate'],
        title: 'Amazon Seller Central Help, "Amazon Currency Converter for Sellers" (help article G200381250)',
        url: 'https://sellercentral.amazon.com/gp/help/external/G200381250',
        says: 'Volume-based conversion fees by trailing-12-month processed volume: for currencies other than CNY 0.75 % (at least USD 10M), 1.00 % (1M), 1.25 % (500K), 1.50 % (below 500K); for CNY 0.40 % to 0.90 %. The fee is included in the exchange rate.',
      },
    ],
    assumptions: [
      {
        field: 'feeRate',
        reasoning:
          '15 %: the referral fee most categories carry, as third-party summaries of Amazon’s “Selling on Amazon fee schedule” (Seller Central help 200336920) state; the copy of that page found does not show the rates. Category rates run from about 8 % to 17 %; FBA fees are not included.',
      },
      {
        field: 'delayDays',
        reasoning:
          'DD+7 counted as Amazon’s own example counts it: delivered January 6, available from January 14, i.e. 7 full days after the delivery date, so eligible on delivery + 8 in this model’s terms (delayDays 8).',
      },
      {
        field: 'transferDays',
        reasoning: '3-5 business days taken as 5 calendar days (one working week), between the lower end counted in calendar days (3) and the upper end over a weekend (7).',
      },
      {
        field: 'reserveShare',
        reasoning:
          'DD+7 holds the whole amount until 7 days after delivery (that is delayDays), so no further share is held. Accounts Amazon rates riskier get DD+14 (an Amazon staff reply in the Seller Forums, sellercentral-europe.amazon.com/seller-forums/discussions/t/f325b44e-68f7-40df-aab4-049233f08c21: delivered January 4, available January 19): use delayDays 15 or a stress payoutHoldDays of 7.',
      },
      {
        field: 'conversionCostRate',
        reasoning: '1.5 %: the non-CNY rate for sellers below USD 500K a year; set yours from your tier (applied only when the selling and account currencies differ).',
      },
      NOT_A_MARKETPLACE_TERM,
    ],
  },
  'tiktok-shop-us': {
    id: 'tiktok-shop-us',
    name: 'TikTok Shop (US), standard settlement tier',
    region: 'US',
    asOf: CHECKED,
    rules: { cycleDays: 1, delayDays: 7, eligibleFrom: 'delivery', deliveryDays: 0, transferDays: 0, reserveShare: 0, reserveReleaseDays: 0, feeRate: 0.06, conversionCostRate: 0 },
    sources: [
      {
        fields: ['delayDays', 'eligibleFrom'],
        title: 'TikTok Shop Academy (US), "Dynamic Settlement Policy"',
        url: 'https://seller-us.tiktok.com/university/essay?knowledge_id=3995852763531009',
        published: '2025-03-31',
        says: 'The standard settlement for a seller out of probation is seven days after an order is delivered; five tiers in all (introductory for new or probation sellers, standard, accelerated and others) speed it up or slow it down with shop performance.',
      },
      {
        fields: ['cycleDays', 'feeRate'],
        title: 'TikTok Shop Academy (US), "TikTok Shop Referral Fee Updates - 2024"',
        url: 'https://seller-us.tiktok.com/university/essay?knowledge_id=5982454398175018',
        says: 'From April 1, 2024 the referral fee on all qualified transactions is 6 % per order, of (customer payment + platform discount − tax). Orders are settled after delivery when no refund or return is requested, and paid to the bank account once the settlement threshold of USD 1 is met.',
      },
      {
        fields: ['reserveShare', 'reserveReleaseDays'],
        title: 'TikTok Shop Academy (US), "Reserve Policy"',
        url: 'https://seller-us.tiktok.com/university/essay?knowledge_id=7122812746745646',
        published: '2025-01-22',
        says: 'A reserve percentage of each order’s settlement amount, set by the seller’s reserve level, is held on a rolling basis for a reserve period counted in calendar days from the delivery date, then released if unused.',
      },
    ],
    assumptions: [
      {
        field: 'cycleDays',
        reasoning: 'Each order settles when its own settlement period ends and is paid once USD 1 is due, so payouts are taken as daily (1). No fixed payout calendar is published in the pages found.',
      },
      {
        field: 'reserveShare',
        reasoning: 'The percentages and periods of the reserve levels are not in the text found: 0 (no reserve). Set reserveShare and reserveReleaseDays from Seller Center > Finance.',
      },
      { field: 'transferDays', reasoning: 'No bank transfer time is published in the pages found: 0.' },
      { field: 'feeRate', reasoning: 'Third parties reported a planned rise to 8 % from July 2024 that the TikTok page found does not confirm; 6 % as published.' },
      { field: 'conversionCostRate', reasoning: 'A US shop sells and is paid out in USD; no conversion fee is published in the pages found: 0.' },
      NOT_A_MARKETPLACE_TERM,
    ],
  },
  'shopify-payments-us': {
    id: 'shopify-payments-us',
    name: 'Shopify Payments (US store), daily payouts',
    region: 'US',
    asOf: CHECKED,
    rules: { cycleDays: 1, delayDays: 2, eligibleFrom: 'sale', deliveryDays: 0, transferDays: 2, reserveShare: 0, reserveReleaseDays: 0, feeRate: 0.029, conversionCostRate: 0 },
    sources: [
      {
        fields: ['delayDays', 'eligibleFrom'],
        title: 'Shopify Help Center, "Getting paid with Shopify Payments" (Pay periods, United States)',
        url: 'https://help.shopify.com/manual/payments/shopify-payments/getting-paid-with-shopify-payments',
        says: 'United States: a delay of 2 business days between the date an order is paid and the date the money is sent to the bank account; orders placed Friday to Sunday are grouped into one payment.',
      },
      {
        fields: ['cycleDays', 'transferDays'],
        title: 'Shopify Help Center, "Scheduling your Shopify Payments payouts"',
        url: 'https://help.shopify.com/en/manual/payments/shopify-payments/getting-paid-with-shopify-payments/view-payouts/schedule-payouts',
        says: 'Payouts can be daily, weekly or monthly, never at weekends or on public holidays; banks typically take 1-3 business days to process the deposit.',
      },
      {
        fields: ['conversionCostRate'],
        title: 'Shopify Help Center, "Shopify Payments processing and conversion fees"',
        url: 'https://help.shopify.com/en/manual/payments/shopify-payments/multi-currency/conversions/conversion-fees',
        says: 'Selling in a currency other than the payout currency adds a currency conversion fee, charged when the payment is captured and not on refunds; the fee values are in the merchant’s Terms of Service.',
      },
    ],
    assumptions: [
      { field: 'delayDays', reasoning: '2 business days taken as 2 calendar days; a weekend adds up to 2 more.' },
      { field: 'cycleDays', reasoning: 'The daily schedule (1) of the three offered.' },
      { field: 'transferDays', reasoning: 'The middle of the 1-3 business days banks take: 2.' },
      {
        field: 'feeRate',
        reasoning:
          '2.9 %: the Basic plan’s US online card rate (2.9 % + 30¢) as third-party summaries of Shopify’s pricing page state; the pricing page itself was not in the copies found. The 30¢ per order is not modelled.',
      },
      { field: 'conversionCostRate', reasoning: 'The rate is in each merchant’s Terms of Service, not on the page found: 0. Set yours when selling in another currency.' },
      { field: 'reserveShare', reasoning: 'No standing reserve is described in the pages found: 0.' },
      NOT_A_MARKETPLACE_TERM,
    ],
  },
  generic: {
    id: 'generic',
    name: 'Generic marketplace: 14-day cycle, funds 7 days after delivery',
    region: 'any',
    asOf: CHECKED,
    rules: { cycleDays: 14, delayDays: 7, eligibleFrom: 'delivery', deliveryDays: 0, transferDays: 0, reserveShare: 0, reserveReleaseDays: 0, feeRate: 0, conversionCostRate: 0 },
    sources: [],
    assumptions: [
      { field: 'cycleDays', reasoning: 'Not a published figure: the 14-day settlement cycle of the Amazon preset, a common marketplace pattern.' },
      { field: 'delayDays', reasoning: 'Not a published figure: 7 days after delivery, as TikTok Shop’s standard tier (Amazon’s DD+7 is one day more, see its preset).' },
      { field: 'feeRate', reasoning: 'No fee: put your marketplace’s fees in feeRate.' },
      { field: 'reserveShare', reasoning: 'No reserve, no transfer time, no conversion cost: set them for your marketplace.' },
      NOT_A_MARKETPLACE_TERM,
    ],
  },
};

/** The payout part of a request: an optional preset and any rule field. */
export type PayoutRequest = { preset?: PayoutPresetId | undefined } & { [K in PayoutRuleField]?: PayoutRules[K] | undefined };

export interface ResolvedPayout {
  rules: PayoutRules;
  preset?: PayoutPreset;
  /** Where each field's value came from. */
  fromInput: PayoutRuleField[];
  fromPreset: PayoutRuleField[];
  fromDefault: PayoutRuleField[];
}

/**
 * Resolves the payout rules field by field: the request's value, else the preset's, else the default.
 * @example resolvePayoutRules({ preset: 'amazon-us', feeRate: 0.08 }).rules.feeRate // 0.08 (cycleDays 14 from the preset)
 */
export function resolvePayoutRules(request: PayoutRequest): ResolvedPayout {
  const preset = request.preset === undefined ? undefined : payoutPresets[request.preset];
  const rules = {} as Record<PayoutRuleField, unknown>;
  const fromInput: PayoutRuleField[] = [];
  const fromPreset: PayoutRuleField[] = [];
  const fromDefault: PayoutRuleField[] = [];
  for (const field of payoutRuleFields) {
    const given = request[field];
    if (given !== undefined) {
      rules[field] = given;
      fromInput.push(field);
    } else if (preset) {
      rules[field] = preset.rules[field];
      fromPreset.push(field);
    } else {
      // cycleDays and delayDays are required without a preset (checked by the schema); 0 is never used.
      rules[field] = field === 'cycleDays' || field === 'delayDays' ? 0 : payoutRuleDefaults[field];
      fromDefault.push(field);
    }
  }
  return { rules: rules as unknown as PayoutRules, ...(preset ? { preset } : {}), fromInput, fromPreset, fromDefault };
}
