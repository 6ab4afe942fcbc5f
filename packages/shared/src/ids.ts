/** AGS: Amtlicher Gemeindeschlüssel, 8 digits with leading zeros. */
export const AGS_PATTERN = /^\d{8}$/;
/** ARS: Amtlicher Regionalschlüssel, 12 digits with leading zeros. */
export const ARS_PATTERN = /^\d{12}$/;
