/**
 * Dated import rules: customs valuation basis and import VAT/GST base per destination, standard
 * VAT/GST rates, and low-value (de minimis) rules. Every row carries its source, `validFrom` and
 * `validTo` (inclusive ISO dates; no `validTo` = still in force) and is chosen by the import date.
 *
 * How to read `validFrom`: the date the rule or rate took effect where the source gives it (e.g. the
 * date a rate change applied). The rate history of the EU member states follows the European
 * Commission's "VAT rates applied in the Member States of the European Union" (DG TAXUD; the
 * 1 January 2025 edition and its "evolution of VAT rates" table) and, for the changes of 2024–2025,
 * the national announcements cited on the row. An import date outside every row of a destination
 * is "not covered": the caller must then give the value (see core/cost/landed-cost.ts).
 *
 * Legal bases (cited on the rows):
 * - EU customs value includes transport and insurance up to the place where the goods are brought
 *   into the customs territory (CIF): Regulation (EU) No 952/2013 (Union Customs Code) Art. 71(1)(e),
 *   applicable since 1 May 2016. EU import VAT base = customs value + duties + incidental expenses
 *   (commission, packing, transport, insurance) up to the first place of destination: Council
 *   Directive 2006/112/EC Art. 85–86 (German customs gives the worked example: zoll.de,
 *   "Einfuhrumsatzsteuer – Bemessungsgrundlage", Beispiel).
 * - Australia: customs value is FOB (Customs Act 1901 s161(2)(e) deducts overseas freight and
 *   insurance); GST = 10 % of the value of the taxable importation = customs value + international
 *   transport and insurance to the place of consignment + customs duty (+ wine tax): A New Tax
 *   System (Goods and Services Tax) Act 1999 s13-20.
 * - United States: transaction value excludes the costs of international transport and insurance
 *   (19 U.S.C. 1401a(b)(4)(A)): FOB. No federal VAT; sales tax is added at sale, not at import.
 */

export type ValuationBasis = 'CIF' | 'FOB';

interface Dated {
  /** First day the row applies (inclusive). */
  validFrom: string;
  /** Last day the row applies (inclusive); absent = still in force. */
  validTo?: string;
  /** Where the rule or figure comes from, with its date. */
  source: string;
}

/** EU member states (ISO 3166-1 alpha-2; Greece is GR). */
export const EU_MEMBERS = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;
const EU_SET: ReadonlySet<string> = new Set(EU_MEMBERS);
export const isEuMember = (country: string): boolean => EU_SET.has(country);

/** Whether goods moving from `origin` to `destination` stay in one customs territory (same country, or both in the EU customs union). */
export const sameCustomsTerritory = (origin: string, destination: string): boolean => origin === destination || (isEuMember(origin) && isEuMember(destination));

/** Whether `date` (ISO) lies in the row's validity. */
export const validOn = (row: Dated, date: string): boolean => row.validFrom <= date && (row.validTo === undefined || date <= row.validTo);

// ---------------------------------------------------------------------------------------------
// Destinations: valuation basis and import VAT/GST base

export interface DestinationRule extends Dated {
  id: string;
  countries: readonly string[];
  description: string;
  valuationBasis: ValuationBasis;
  /** Name of the consumption tax at import. */
  taxName: 'VAT' | 'GST' | 'consumption tax' | 'IVA' | 'none';
  /** The import VAT base adds international transport and insurance when the customs value does not already hold them (FOB). */
  vatBaseAddsInternationalTransport: boolean;
  /** The import VAT base adds transport after the border to the first place of destination. */
  vatBaseAddsOnCarriage: boolean;
  /** Consumer prices are shown including VAT/GST (net revenue = price ÷ (1 + rate)). */
  pricesIncludeVat: boolean;
}

const EU_VALUATION_SOURCE =
  'Regulation (EU) No 952/2013 (Union Customs Code) Art. 70–71(1)(e), applicable from 1 May 2016 (customs value includes transport and insurance to the EU border); Council Directive 2006/112/EC Art. 85–86 (import VAT base = customs value + duties + incidental costs to the first place of destination); Directive 98/6/EC Art. 2(a) (consumer selling price includes VAT)';

export const DESTINATION_RULES: readonly DestinationRule[] = [
  {
    id: 'eu-valuation-cif-vat-base',
    countries: EU_MEMBERS,
    description: 'EU: customs value on a CIF basis (transport and insurance to the EU border); import VAT on customs value + duty + transport to the first place of destination; consumer prices include VAT.',
    validFrom: '2016-05-01',
    source: EU_VALUATION_SOURCE,
    valuationBasis: 'CIF',
    taxName: 'VAT',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: true,
    pricesIncludeVat: true,
  },
  {
    id: 'gb-valuation-cif-vat-base',
    countries: ['GB'],
    description: 'United Kingdom: customs value on a CIF basis (transport and insurance to the place of introduction into the UK); import VAT on customs value + duty + incidental costs to the first destination in the UK; consumer prices include VAT.',
    validFrom: '2021-01-01',
    source:
      'HMRC Notice 252 "Valuation of imported goods for customs purposes" (gov.uk; transport and insurance costs up to the place of introduction are part of the customs value); Value Added Tax Act 1994 s21(2) (duty and incidental expenses to the first destination are added); Price Marking Order 2004 (prices include VAT); UK customs regime from 1 January 2021',
    valuationBasis: 'CIF',
    taxName: 'VAT',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: true,
    pricesIncludeVat: true,
  },
  {
    id: 'us-valuation-fob',
    countries: ['US'],
    description: 'United States: transaction value excludes international freight and insurance (FOB); no import VAT (state sales tax is charged at sale on top of the price).',
    validFrom: '1980-07-01',
    source: '19 U.S.C. 1401a(b)(4)(A) (price actually paid or payable, exclusive of international transportation, insurance and related services), transaction value under the Trade Agreements Act of 1979 §201',
    valuationBasis: 'FOB',
    taxName: 'none',
    vatBaseAddsInternationalTransport: false,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: false,
  },
  {
    id: 'au-valuation-fob-voti',
    countries: ['AU'],
    description: 'Australia: customs value is FOB (overseas freight and insurance deducted); GST on the value of the taxable importation = customs value + international transport and insurance + duty; consumer prices include GST.',
    validFrom: '2000-07-01',
    source:
      'Customs Act 1901 s161(2)(e) (overseas freight and insurance deducted from the adjusted price); A New Tax System (Goods and Services Tax) Act 1999 s13-20 (value of the taxable importation), GST in force from 1 July 2000; Competition and Consumer Act 2010 Sch 2 s48 (single price includes GST)',
    valuationBasis: 'FOB',
    taxName: 'GST',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: true,
  },
  {
    id: 'ca-valuation-fob-gst',
    countries: ['CA'],
    description: 'Canada: value for duty excludes transport from the place of direct shipment to Canada (FOB); GST on value for duty + duty; prices are shown before GST/HST.',
    validFrom: '2008-01-01',
    source: 'Customs Act (R.S.C. 1985, c. 1 (2nd Supp.)) s48(5)(b) (cost of transport from the place of direct shipment excluded); Excise Tax Act s215(1) (GST on imported goods: value for duty + duties); GST rate 5 % from 1 January 2008',
    valuationBasis: 'FOB',
    taxName: 'GST',
    vatBaseAddsInternationalTransport: false,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: false,
  },
  {
    id: 'jp-valuation-cif',
    countries: ['JP'],
    description: 'Japan: customs value on a CIF basis (freight and insurance to the port of import); import consumption tax on customs value + duty (+ excise); prices shown tax-inclusive.',
    validFrom: '2019-10-01',
    source: 'Customs Tariff Act (Act No. 54 of 1910) Art. 4(1) (freight and insurance to the port of import included); Consumption Tax Act Art. 28(4) (import base = customs value + duties + excise); 10 % rate from 1 October 2019',
    valuationBasis: 'CIF',
    taxName: 'consumption tax',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: true,
  },
  {
    id: 'gcc-sa-valuation-cif',
    countries: ['SA'],
    description: 'Saudi Arabia: customs value on a CIF basis (GCC Common Customs Law); import VAT on customs value + duty (+ excise); prices shown VAT-inclusive.',
    validFrom: '2020-07-01',
    source: 'GCC Common Customs Law (2003) and its implementing regulations (CIF valuation); KSA VAT Implementing Regulations (import VAT base = customs value + customs duty + excise); 15 % from 1 July 2020 (ZATCA)',
    valuationBasis: 'CIF',
    taxName: 'VAT',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: true,
  },
  {
    id: 'gcc-ae-valuation-cif',
    countries: ['AE'],
    description: 'United Arab Emirates: customs value on a CIF basis (GCC Common Customs Law); import VAT on customs value + duty (+ excise); prices shown VAT-inclusive.',
    validFrom: '2018-01-01',
    source: 'GCC Common Customs Law (2003) (CIF valuation); Federal Decree-Law No. 8 of 2017 on VAT (import VAT base = customs value + customs duty + excise), in force 1 January 2018 (UAE Federal Tax Authority)',
    valuationBasis: 'CIF',
    taxName: 'VAT',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: true,
  },
  {
    id: 'mx-valuation-cif',
    countries: ['MX'],
    description: 'Mexico: customs value includes freight and insurance to the place of entry (CIF); import IVA on customs value + general import duty (IGI) (+ other contributions such as the DTA, not modelled); prices shown IVA-inclusive.',
    validFrom: '2010-01-01',
    source: 'Ley Aduanera Art. 64–65 (freight and insurance to the place of entry are part of the customs value); Ley del IVA Art. 1 and 27 (16 % from 1 January 2010; import base = customs value + IGI + other contributions); Ley Federal de Protección al Consumidor Art. 7 Bis (total price incl. taxes)',
    valuationBasis: 'CIF',
    taxName: 'IVA',
    vatBaseAddsInternationalTransport: true,
    vatBaseAddsOnCarriage: false,
    pricesIncludeVat: true,
  },
];

/** The destination row that applies on `date`, if any. */
export function destinationRule(country: string, date: string): DestinationRule | undefined {
  return DESTINATION_RULES.find((r) => r.countries.includes(country) && validOn(r, date));
}

// ---------------------------------------------------------------------------------------------
// Standard VAT / GST rates

export interface VatRateRow extends Dated {
  id: string;
  country: string;
  /** Standard rate as a fraction. */
  rate: number;
}

const EC_RATES = 'European Commission (DG TAXUD), "VAT rates applied in the Member States of the European Union", situation at 1 January 2025, standard rate and evolution of rates';

/** One row per (country, period). Order: any. */
export const VAT_RATES: readonly VatRateRow[] = [
  { id: 'at-vat-20', country: 'AT', rate: 0.2, validFrom: '1984-01-01', source: EC_RATES },
  { id: 'be-vat-21', country: 'BE', rate: 0.21, validFrom: '1996-01-01', source: EC_RATES },
  { id: 'bg-vat-20', country: 'BG', rate: 0.2, validFrom: '1999-07-01', source: EC_RATES },
  { id: 'hr-vat-25', country: 'HR', rate: 0.25, validFrom: '2012-03-01', source: EC_RATES },
  { id: 'cy-vat-19', country: 'CY', rate: 0.19, validFrom: '2014-01-13', source: EC_RATES },
  { id: 'cz-vat-21', country: 'CZ', rate: 0.21, validFrom: '2013-01-01', source: EC_RATES },
  { id: 'dk-vat-25', country: 'DK', rate: 0.25, validFrom: '1992-01-01', source: EC_RATES },
  { id: 'ee-vat-20', country: 'EE', rate: 0.2, validFrom: '2009-07-01', validTo: '2023-12-31', source: EC_RATES },
  { id: 'ee-vat-22', country: 'EE', rate: 0.22, validFrom: '2024-01-01', validTo: '2025-06-30', source: `${EC_RATES}; Estonian Value-Added Tax Act amendment approved 12 June 2023 (standard rate 22 % from 1 January 2024)` },
  { id: 'ee-vat-24', country: 'EE', rate: 0.24, validFrom: '2025-07-01', source: 'Estonian Value-Added Tax Act amendment (Riigikogu 2025; Estonian Tax and Customs Board): standard rate 24 % from 1 July 2025' },
  { id: 'fi-vat-24', country: 'FI', rate: 0.24, validFrom: '2013-01-01', validTo: '2024-08-31', source: EC_RATES },
  { id: 'fi-vat-25-5', country: 'FI', rate: 0.255, validFrom: '2024-09-01', source: `${EC_RATES} (Finland: 25.5 % from 1 September 2024)` },
  { id: 'fr-vat-20', country: 'FR', rate: 0.2, validFrom: '2014-01-01', source: EC_RATES },
  { id: 'de-vat-19-2007', country: 'DE', rate: 0.19, validFrom: '2007-01-01', validTo: '2020-06-30', source: EC_RATES },
  { id: 'de-vat-16-2020', country: 'DE', rate: 0.16, validFrom: '2020-07-01', validTo: '2020-12-31', source: `${EC_RATES} (temporary reduction, Zweites Corona-Steuerhilfegesetz of 29 June 2020)` },
  { id: 'de-vat-19', country: 'DE', rate: 0.19, validFrom: '2021-01-01', source: `${EC_RATES}; Umsatzsteuergesetz §12(1)` },
  { id: 'gr-vat-24', country: 'GR', rate: 0.24, validFrom: '2016-06-01', source: EC_RATES },
  { id: 'hu-vat-27', country: 'HU', rate: 0.27, validFrom: '2012-01-01', source: EC_RATES },
  { id: 'ie-vat-23-2012', country: 'IE', rate: 0.23, validFrom: '2012-01-01', validTo: '2020-08-31', source: EC_RATES },
  { id: 'ie-vat-21-2020', country: 'IE', rate: 0.21, validFrom: '2020-09-01', validTo: '2021-02-28', source: `${EC_RATES} (temporary reduction)` },
  { id: 'ie-vat-23', country: 'IE', rate: 0.23, validFrom: '2021-03-01', source: EC_RATES },
  { id: 'it-vat-22', country: 'IT', rate: 0.22, validFrom: '2013-10-01', source: EC_RATES },
  { id: 'lv-vat-21', country: 'LV', rate: 0.21, validFrom: '2012-07-01', source: EC_RATES },
  { id: 'lt-vat-21', country: 'LT', rate: 0.21, validFrom: '2009-09-01', source: EC_RATES },
  { id: 'lu-vat-17-2015', country: 'LU', rate: 0.17, validFrom: '2015-01-01', validTo: '2022-12-31', source: EC_RATES },
  { id: 'lu-vat-16-2023', country: 'LU', rate: 0.16, validFrom: '2023-01-01', validTo: '2023-12-31', source: `${EC_RATES} (temporary reduction for 2023)` },
  { id: 'lu-vat-17', country: 'LU', rate: 0.17, validFrom: '2024-01-01', source: EC_RATES },
  { id: 'mt-vat-18', country: 'MT', rate: 0.18, validFrom: '2004-01-01', source: EC_RATES },
  { id: 'nl-vat-21', country: 'NL', rate: 0.21, validFrom: '2012-10-01', source: EC_RATES },
  { id: 'pl-vat-23', country: 'PL', rate: 0.23, validFrom: '2011-01-01', source: EC_RATES },
  { id: 'pt-vat-23', country: 'PT', rate: 0.23, validFrom: '2011-01-01', source: EC_RATES },
  { id: 'ro-vat-19', country: 'RO', rate: 0.19, validFrom: '2017-01-01', validTo: '2025-07-31', source: EC_RATES },
  { id: 'ro-vat-21', country: 'RO', rate: 0.21, validFrom: '2025-08-01', source: 'Romania Law No. 141/2025 on fiscal-budgetary measures (Monitorul Oficial No. 699, 25 July 2025), amending the Fiscal Code: standard rate 21 % from 1 August 2025' },
  { id: 'sk-vat-20', country: 'SK', rate: 0.2, validFrom: '2011-01-01', validTo: '2024-12-31', source: EC_RATES },
  { id: 'sk-vat-23', country: 'SK', rate: 0.23, validFrom: '2025-01-01', source: `${EC_RATES} (Slovakia: 23 % from 1 January 2025)` },
  { id: 'si-vat-22', country: 'SI', rate: 0.22, validFrom: '2013-07-01', source: EC_RATES },
  { id: 'es-vat-21', country: 'ES', rate: 0.21, validFrom: '2012-09-01', source: EC_RATES },
  { id: 'se-vat-25', country: 'SE', rate: 0.25, validFrom: '1990-07-01', source: EC_RATES },
  { id: 'gb-vat-20', country: 'GB', rate: 0.2, validFrom: '2011-01-04', source: 'HMRC, VAT rates (gov.uk "VAT rates"): standard rate 20 % from 4 January 2011' },
  { id: 'us-no-vat', country: 'US', rate: 0, validFrom: '1980-07-01', source: 'No federal VAT or GST in the United States; state and local sales taxes are charged at sale on top of the price (marketplace facilitator laws), not at import' },
  { id: 'ca-gst-5', country: 'CA', rate: 0.05, validFrom: '2008-01-01', source: 'Canada Revenue Agency, GST/HST rates: GST 5 % from 1 January 2008 (federal part; provincial HST/PST not included)' },
  { id: 'au-gst-10', country: 'AU', rate: 0.1, validFrom: '2000-07-01', source: 'A New Tax System (Goods and Services Tax) Act 1999 s9-70 and s13-20: 10 %, from 1 July 2000' },
  { id: 'jp-ct-8', country: 'JP', rate: 0.08, validFrom: '2014-04-01', validTo: '2019-09-30', source: 'Japan National Tax Agency: consumption tax 8 % (national 6.3 % + local 1.7 %) from 1 April 2014' },
  { id: 'jp-ct-10', country: 'JP', rate: 0.1, validFrom: '2019-10-01', source: 'Japan National Tax Agency: standard consumption tax 10 % (national 7.8 % + local 2.2 %) from 1 October 2019' },
  { id: 'sa-vat-5', country: 'SA', rate: 0.05, validFrom: '2018-01-01', validTo: '2020-06-30', source: 'ZATCA (Saudi Arabia): VAT 5 % from 1 January 2018' },
  { id: 'sa-vat-15', country: 'SA', rate: 0.15, validFrom: '2020-07-01', source: 'ZATCA (Saudi Arabia): VAT 15 % from 1 July 2020 (Royal Order A/638, 2020)' },
  { id: 'ae-vat-5', country: 'AE', rate: 0.05, validFrom: '2018-01-01', source: 'UAE Federal Decree-Law No. 8 of 2017 on VAT: 5 % from 1 January 2018' },
  { id: 'mx-iva-16', country: 'MX', rate: 0.16, validFrom: '2010-01-01', source: 'Ley del Impuesto al Valor Agregado Art. 1: 16 % from 1 January 2010 (border-region rate not modelled)' },
];

/** The standard VAT/GST rate row that applies on `date`, if any. */
export function vatRateRow(country: string, date: string): VatRateRow | undefined {
  return VAT_RATES.find((r) => r.country === country && validOn(r, date));
}

// ---------------------------------------------------------------------------------------------
// Low-value (de minimis) rules

/**
 * A low-value rule. For each topic (customs duty, import VAT) the first row in table order whose
 * countries, dates, origins and consignment type match is the one that decides; a row with a
 * threshold then applies only when the consignment value is at or below it.
 */
export interface LowValueRule extends Dated {
  id: string;
  topic: 'duty' | 'import-vat';
  countries: readonly string[];
  description: string;
  /** Only for goods of these origins. */
  origins?: readonly string[];
  /** 'b2c-parcel': only when every order ships as its own parcel to a consumer; 'any': also bulk shipments. */
  consignment: 'any' | 'b2c-parcel';
  /** Needs VAT charged at the sale (marketplace / IOSS / seller registration) to apply. */
  requiresVatCollectedAtSale?: boolean;
  /** The rule applies when the consignment value (on `basis`) is at most `amount` of `currency`. */
  threshold?: { amount: number; currency: string; basis: 'intrinsic' | 'customs-value' | 'fair-retail-value' };
  /** duty: 'exempt' | 'due' (the ordinary tariff) | 'flat-per-item-category'; import-vat: 'not-charged-at-border' | 'due'. */
  effect: 'exempt' | 'due' | 'flat-per-item-category' | 'not-charged-at-border';
  /** For 'flat-per-item-category': amount per distinct tariff subheading per parcel. */
  flatAmount?: { amount: number; currency: string };
}

export const LOW_VALUE_RULES: readonly LowValueRule[] = [
  // United States (duty; there is no import VAT)
  {
    id: 'us-de-minimis-suspended',
    topic: 'duty',
    countries: ['US'],
    consignment: 'any',
    effect: 'due',
    description: 'US duty-free de minimis ($800, 19 U.S.C. 1321(a)(2)(C)) suspended for all countries: duty is due on every consignment, whatever its value.',
    validFrom: '2025-08-29',
    source:
      'Executive Order 14324 of 30 July 2025, "Suspending Duty-Free De Minimis Treatment for All Countries" (90 FR 37775, 5 Aug 2025); CBP notice of implementation (90 FR 42418, 2 Sep 2025): effective for goods entered on or after 12:01 a.m. EDT 29 August 2025',
  },
  {
    id: 'us-de-minimis-suspended-cn-hk',
    topic: 'duty',
    countries: ['US'],
    origins: ['CN', 'HK'],
    consignment: 'any',
    effect: 'due',
    description: 'US de minimis withdrawn for products of China and Hong Kong: duty is due on every consignment of those origins.',
    validFrom: '2025-05-02',
    validTo: '2025-08-28',
    source: 'Executive Order 14256 of 2 April 2025, "Further Amendment to Duties Addressing the Synthetic Opioid Supply Chain in the People’s Republic of China as Applied to Low-Value Imports" (90 FR 14899, 7 Apr 2025), effective 12:01 a.m. EDT 2 May 2025',
  },
  {
    id: 'us-de-minimis-800',
    topic: 'duty',
    countries: ['US'],
    consignment: 'any',
    threshold: { amount: 800, currency: 'USD', basis: 'fair-retail-value' },
    effect: 'exempt',
    description: 'US de minimis: a shipment imported by one person on one day with a fair retail value of $800 or less enters free of duty.',
    validFrom: '2016-03-10',
    validTo: '2025-08-28',
    source: '19 U.S.C. 1321(a)(2)(C) as amended by the Trade Facilitation and Trade Enforcement Act of 2015 §901 (Pub. L. 114-125), $200 → $800, implemented by CBP on 10 March 2016',
  },
  // European Union
  {
    id: 'eu-flat-duty-3-per-item-category',
    topic: 'duty',
    countries: EU_MEMBERS,
    consignment: 'b2c-parcel',
    requiresVatCollectedAtSale: true,
    threshold: { amount: 150, currency: 'EUR', basis: 'intrinsic' },
    effect: 'flat-per-item-category',
    flatAmount: { amount: 3, currency: 'EUR' },
    description:
      'EU: the €150 duty relief is abolished; low-value e-commerce parcels to consumers (intrinsic value up to €150) whose seller is registered in the Import One-Stop Shop pay a flat €3 customs duty per distinct item category (tariff subheading) in the parcel, as an interim measure until the EU customs data hub applies the normal tariff.',
    validFrom: '2026-07-01',
    source:
      'Council of the EU, agreement of 12 December 2025 and formal approval of 11 February 2026 on customs duty for small parcels (press releases: "€3 on each different category of item, identified by their tariff sub-headings, contained in a parcel", from 1 July 2026, for goods whose non-EU seller is registered in the IOSS; example: one silk and two wool blouses = two items = €6); abolition of the relief of Council Regulation (EC) No 1186/2009 Art. 23 agreed November 2025',
  },
  {
    id: 'eu-duty-relief-abolished',
    topic: 'duty',
    countries: EU_MEMBERS,
    consignment: 'any',
    effect: 'due',
    description: 'EU: no duty relief for consignments of negligible value (€150) any more; the ordinary tariff applies to consignments that are not low-value B2C parcels.',
    validFrom: '2026-07-01',
    source: 'Council of the EU, agreement of November 2025 to abolish the €150 customs duty relief of Council Regulation (EC) No 1186/2009 Art. 23, with the interim flat duty from 1 July 2026 (as stated in Peakplan issue 4)',
  },
  {
    id: 'eu-duty-relief-150',
    topic: 'duty',
    countries: EU_MEMBERS,
    consignment: 'any',
    threshold: { amount: 150, currency: 'EUR', basis: 'intrinsic' },
    effect: 'exempt',
    description: 'EU: consignments of negligible value — an intrinsic value (goods alone, without transport and insurance) of €150 or less — are relieved from customs duty (not alcohol, tobacco, perfume).',
    validFrom: '2009-12-30',
    validTo: '2026-06-30',
    source: 'Council Regulation (EC) No 1186/2009 (customs reliefs) Art. 23–24, OJ L 324, 10.12.2009; Revenue Commissioners (revenue.ie), "Buying goods online from outside the EU": intrinsic value excludes transport, insurance and handling',
  },
  {
    id: 'eu-ioss-no-import-vat',
    topic: 'import-vat',
    countries: EU_MEMBERS,
    consignment: 'b2c-parcel',
    requiresVatCollectedAtSale: true,
    threshold: { amount: 150, currency: 'EUR', basis: 'intrinsic' },
    effect: 'not-charged-at-border',
    description:
      'EU: distance sales of goods imported in consignments of an intrinsic value up to €150, declared under the Import One-Stop Shop (marketplaces are the deemed supplier): VAT is charged on the sale, and the importation is exempt.',
    validFrom: '2021-07-01',
    source: 'Council Directive (EU) 2017/2455 amending Directive 2006/112/EC: Art. 14a(1) (deemed supplier), Art. 143(1)(ca) (import exemption with IOSS), Art. 369l–369x; applicable from 1 July 2021 (Council Decision (EU) 2020/1109)',
  },
  // United Kingdom
  {
    id: 'gb-low-value-vat-135',
    topic: 'import-vat',
    countries: ['GB'],
    consignment: 'b2c-parcel',
    requiresVatCollectedAtSale: true,
    threshold: { amount: 135, currency: 'GBP', basis: 'intrinsic' },
    effect: 'not-charged-at-border',
    description: 'UK: consignments of £135 or less sold to consumers in Great Britain have supply VAT charged at the point of sale (by the online marketplace, or by the seller), not import VAT at the border.',
    validFrom: '2021-01-01',
    source: 'HMRC guidance "VAT and overseas goods sold to customers in the UK using online marketplaces" and "VAT and overseas goods sold directly to customers in the UK" (gov.uk, from 1 January 2021): the £135 limit applies to the intrinsic value of the whole consignment',
  },
  {
    id: 'gb-duty-relief-135',
    topic: 'duty',
    countries: ['GB'],
    consignment: 'any',
    threshold: { amount: 135, currency: 'GBP', basis: 'intrinsic' },
    effect: 'exempt',
    description: 'UK: no customs duty on consignments of non-excise goods of £135 or less.',
    validFrom: '2021-01-01',
    source: 'gov.uk "Tax and customs for goods sent from abroad" (no Customs Duty on non-excise goods worth £135 or less), UK low-value import rules from 1 January 2021',
  },
  // Australia
  {
    id: 'au-low-value-goods-1000',
    topic: 'duty',
    countries: ['AU'],
    consignment: 'any',
    threshold: { amount: 1000, currency: 'AUD', basis: 'customs-value' },
    effect: 'exempt',
    description: 'Australia: goods with a customs value of A$1,000 or less pay no duty at the border (not alcohol or tobacco).',
    validFrom: '2018-07-01',
    source: 'Australian Border Force / Home Affairs: the A$1,000 threshold for the reporting and collection of duties and taxes at the border remains after 1 July 2018 (ATO "GST on low value imported goods")',
  },
  {
    id: 'au-low-value-gst-1000',
    topic: 'import-vat',
    countries: ['AU'],
    consignment: 'any',
    threshold: { amount: 1000, currency: 'AUD', basis: 'customs-value' },
    effect: 'not-charged-at-border',
    description:
      'Australia: no GST at the border on goods with a customs value of A$1,000 or less; since 1 July 2018 GST on sales of such low value goods to consumers is charged at the point of sale by the vendor or the electronic distribution platform.',
    validFrom: '2018-07-01',
    source: 'A New Tax System (Goods and Services Tax) Act 1999 Div 84-C, inserted by the Treasury Laws Amendment (GST Low Value Goods) Act 2017, applying from 1 July 2018 (ATO "GST on low value imported goods")',
  },
];

/**
 * The low-value rule that decides `topic` for goods of `origin` imported into `country` on `date`
 * in a consignment of the given kind, before its threshold is tested (undefined = none).
 */
export function lowValueRule(
  topic: LowValueRule['topic'],
  country: string,
  date: string,
  origin: string,
  consignment: 'bulk' | 'parcel-per-order',
  vatCollectedAtSale: boolean,
): LowValueRule | undefined {
  return LOW_VALUE_RULES.find(
    (r) =>
      r.topic === topic &&
      r.countries.includes(country) &&
      validOn(r, date) &&
      (r.origins === undefined || r.origins.includes(origin)) &&
      (r.consignment === 'any' || consignment === 'parcel-per-order') &&
      (!r.requiresVatCollectedAtSale || vatCollectedAtSale),
  );
}
