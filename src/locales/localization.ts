/**
 * The player's UI language (@lit/localize, runtime mode). Elements wrap their words in `msg()`;
 * `npm run localize` extracts them to `xliff/*.xlf` and builds `generated/<locale>.ts` from the
 * translations there. Content text comes from modules and is never translated here.
 *
 * The active locale belongs to the page, not to an element: `useLocale` switches every element
 * at once. English, the source locale, needs no module.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.ts';

type TargetLocale = (typeof targetLocales)[number];

/** Each translation is its own chunk, fetched the first time its locale is used. */
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  fr: () => import('./generated/fr.ts'),
  ar: () => import('./generated/ar.ts'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  // Only ever called with one of targetLocales.
  loadLocale: (locale) => loaders[locale as TargetLocale](),
});

export { getLocale };

/** Languages written right to left, by primary subtag. */
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** The writing direction of a language tag: `rtl` for Arabic, Persian, Hebrew and Urdu. */
export const directionOf = (lang: string): 'ltr' | 'rtl' =>
  RTL.has(lang.trim().toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';

/**
 * The supported locale that best serves a BCP 47 tag: the tag itself, else its language
 * (`fr-CA` → `fr`), else the source locale.
 */
export function matchLocale(lang: string): string {
  const tag = lang.trim().toLowerCase().replaceAll('_', '-');
  const supported = (candidate: string) =>
    allLocales.find((locale) => locale.toLowerCase() === candidate);
  return supported(tag) ?? supported(tag.split('-')[0] ?? '') ?? sourceLocale;
}

/**
 * Switches the page's UI language to the best match for `lang` and resolves once its
 * translations are loaded and every localized element has been asked to re-render. Resolves
 * with the locale in use (a later call made meanwhile wins).
 */
export async function useLocale(lang: string): Promise<string> {
  await setLocale(matchLocale(lang));
  return getLocale();
}
