/**
 * Hand-written corrections of a brand whose customers say "zorbed" for broken: neutral to the
 * shipped analyzer, complaints once learned. Shared by the learning tests.
 */
export const BROKEN = [
  'my order got zorbed again',
  'the app is zorbed this morning',
  'checkout zorbed twice today',
  'zorbed delivery, third time this month',
  'is the site zorbed for anyone else',
  'my card got zorbed at the till',
  'update zorbed my settings',
  'login zorbed since friday',
  'the tracking page is zorbed',
  'parcel zorbed in transit',
];

/** Plain questions and news of the same brand, neutral either way. */
export const PLAIN = [
  'what time does the shop open on sunday',
  'does the deck come in 8.25',
  'new store opens in leeds next week',
  'which trucks fit this board',
  'order number is in the email',
];
