import Holidays from 'date-holidays';

/** First two digits of the Amtlicher Gemeindeschlüssel → Land (ISO 3166-2:DE subdivision). */
const LAND_OF_AGS: Record<string, string> = {
  '01': 'SH', '02': 'HH', '03': 'NI', '04': 'HB', '05': 'NW', '06': 'HE', '07': 'RP', '08': 'BW',
  '09': 'BY', '10': 'SL', '11': 'BE', '12': 'BB', '13': 'MV', '14': 'SN', '15': 'ST', '16': 'TH',
};

/**
 * Kreise (first five AGS digits) with a regional holiday in date-holidays: Fronleichnam in Eichsfeld,
 * Unstrut-Hainich-Kreis and Wartburgkreis, the Sorbian Fronleichnam in Bautzen, the Augsburger
 * Friedensfest in the city of Augsburg.
 */
const REGION_OF_KREIS: Record<string, string> = {
  '16061': 'EIC',
  '16064': 'UH',
  '16063': 'WAK',
  '14625': 'BZ',
  '09761': 'A',
};

export interface HolidayArea {
  land: string;
  region?: string;
}

/** Land and, where one applies, the region of a member from its AGS; null without a valid AGS. */
export function areaOfAgs(ags: string | null | undefined): HolidayArea | null {
  if (!ags || !/^[0-9]{8}$/.test(ags)) {
    return null;
  }
  const land = LAND_OF_AGS[ags.slice(0, 2)];
  if (!land) {
    return null;
  }
  const region = REGION_OF_KREIS[ags.slice(0, 5)];
  return region ? { land, region } : { land };
}

const cache = new Map<string, Set<string>>();

/** Public holidays (type "public") of the area in a year, as local dates YYYY-MM-DD. */
export function publicHolidays(area: HolidayArea | null, year: number): Set<string> {
  const key = `${area?.land ?? '-'}/${area?.region ?? ''}/${year}`;
  let set = cache.get(key);
  if (!set) {
    const hd = area ? (area.region ? new Holidays('DE', area.land, area.region) : new Holidays('DE', area.land)) : new Holidays('DE');
    set = new Set(
      (hd.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
    );
    cache.set(key, set);
  }
  return set;
}

/** Holiday predicate for sla.ts. Without a Land only the nationwide holidays count. */
export function holidayPredicate(area: HolidayArea | null): (date: string) => boolean {
  return (date) => publicHolidays(area, Number(date.slice(0, 4))).has(date);
}
