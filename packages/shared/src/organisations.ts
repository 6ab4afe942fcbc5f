import { z } from 'zod';

/** Kind of an organisation in the tree: the provider at the top, members below it. */
export const OrganisationKind = z.enum(['provider', 'member']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/**
 * Legal or administrative type of an organisation (GLOSSARY.md). German categories without an
 * exact English twin keep their German name as lower-case ASCII enum values.
 */
export const OrganisationType = z.enum([
  'landkreis',
  'kreisfreie_stadt',
  'stadt',
  'gemeinde',
  'landgemeinde',
  'verwaltungsgemeinschaft',
  'amt',
  'verbandsgemeinde',
  'zweckverband',
  'schultraeger',
  'schule',
  'aoer',
  'eigenbetrieb',
  'genossenschaft',
  'verein',
  'stiftung',
  'sonstige',
]);
export type OrganisationType = z.infer<typeof OrganisationType>;
