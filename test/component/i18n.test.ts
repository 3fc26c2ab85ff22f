import { expect, waitUntil } from '@open-wc/testing';
import { SUPPORTED_LOCALES, matchLocale, resolveLocale } from '../../src/widget/i18n.js';
import { loadLocale } from '../../src/widget/locales/index.js';
import en from '../../src/widget/locales/en.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { configBody } from '../helpers/fake-server.js';
import { part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

/** Every key path of a string table, `status.ready` style, with the kind of value behind it. */
function shape(table: object, prefix = ''): string[] {
  return Object.entries(table as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === 'object' ? shape(value, `${prefix}${key}.`) : [`${prefix}${key}:${typeof value}`],
  );
}

async function callButtonText(element: KatavenWidget): Promise<string> {
  await waitForStatus(element, 'ready');
  const button = await waitForPart(element, 'call-button');
  return button.textContent?.trim() ?? '';
}

describe('locales', () => {
  const testbed = useWidgetTestbed();
  const htmlLang = document.documentElement.lang;

  function browserLanguages(list: string[]) {
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => list });
  }

  afterEach(() => {
    document.documentElement.lang = htmlLang;
    delete (navigator as { languages?: unknown }).languages;
  });

  /** Mounts a widget with the given attributes only (no `locale` unless asked), inline so the panel renders at once. */
  function mount(attributes: { locale?: string; display?: 'floating' | 'inline'; strings?: unknown } = {}) {
    return testbed.mount({
      agentId: null,
      locale: attributes.locale ?? null,
      display: attributes.display ?? 'inline',
      strings: attributes.strings,
    });
  }

  it('ships the 27 locales listed in the README, each with every English key and no empty text', async () => {
    expect([...SUPPORTED_LOCALES].sort()).to.deep.equal(
      ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'tr', 'ru', 'uk', 'el', 'ar', 'he']
        .concat(['hi', 'ja', 'ko', 'zh-CN', 'zh-TW', 'id', 'vi', 'th'])
        .sort(),
    );
    const reference = shape(en).sort();
    for (const locale of SUPPORTED_LOCALES) {
      const strings = await loadLocale(locale);
      expect(shape(strings).sort(), locale).to.deep.equal(reference);
      const texts = shape(strings).filter((entry) => entry !== 'status.idle:string');
      for (const entry of texts) {
        const path = entry.split(':')[0] ?? '';
        const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], strings);
        const text = typeof value === 'function' ? (value as (n: number) => string)(37) : value;
        expect(text, `${locale} ${path}`).to.be.a('string').and.not.equal('');
        if (typeof value === 'function') expect(text, `${locale} ${path}`).to.contain('37');
      }
      if (locale !== 'en') expect(strings.call, `${locale} is a copy of English`).not.to.equal(en.call);
    }
  });

  it('maps language tags to shipped locales: regions fall back to the language, Chinese by script and region', () => {
    const cases: Record<string, string | undefined> = {
      'es-MX': 'es',
      'pt-BR': 'pt',
      'fr-CA': 'fr',
      'en-GB': 'en',
      'zh-HK': 'zh-TW',
      'zh-Hant': 'zh-TW',
      'zh-Hant-HK': 'zh-TW',
      'zh-TW': 'zh-TW',
      'zh-CN': 'zh-CN',
      zh: 'zh-CN',
      'zh-Hans-SG': 'zh-CN',
      no: 'nb',
      nn: 'nb',
      'nb-NO': 'nb',
      iw: 'he',
      de_AT: 'de',
      xx: undefined,
      '': undefined,
    };
    for (const [tag, locale] of Object.entries(cases)) expect(matchLocale(tag), tag).to.equal(locale);
  });

  it('resolves the locale attribute, then <html lang>, then navigator.languages, then English', async () => {
    browserLanguages(['xx-YY', 'de-CH', 'fr']);
    document.documentElement.lang = 'it';
    expect(resolveLocale('ja')).to.equal('ja');
    expect(resolveLocale(undefined)).to.equal('it');
    expect(resolveLocale('xx')).to.equal('it', 'an unknown locale attribute falls through to <html lang>');
    document.documentElement.lang = '';
    expect(resolveLocale(undefined)).to.equal('de');
    browserLanguages(['xx']);
    expect(resolveLocale(undefined)).to.equal('en');

    // The same order, as a visitor sees it.
    browserLanguages(['pt-BR']);
    document.documentElement.lang = 'es-MX';
    const element = await mount();
    expect(await callButtonText(element)).to.equal('Iniciar llamada');
    element.setAttribute('locale', 'de');
    await waitUntil(() => part(element, 'call-button')?.textContent?.trim() === 'Anruf starten', 'not German');
    element.removeAttribute('locale');
    document.documentElement.lang = '';
    element.requestUpdate();
    await waitUntil(() => part(element, 'call-button')?.textContent?.trim() === 'Iniciar chamada', 'not Portuguese');
    expect(part(element, 'panel')?.getAttribute('lang')).to.equal('pt');
  });

  it('labels the launcher in the visitor’s language once that locale’s chunk has arrived', async () => {
    testbed.server.on('GET /widget/config', { body: configBody({ branding: { launcher_label: '' } }) });
    const element = await mount({ locale: 'ko', display: 'floating' });
    await waitForStatus(element, 'ready');
    const launcher = part(element, 'launcher') as HTMLElement;
    await waitUntil(() => launcher.textContent?.trim() === '음성으로 문의하기', 'the launcher is not in Korean');
    expect(launcher.getAttribute('lang')).to.equal('ko');
  });

  it('lays `strings` over the current locale and ignores unknown keys with one warning', async () => {
    const { warnings } = testbed.captureConsole();
    testbed.server.on('GET /widget/config', { body: configBody({ branding: { launcher_label: '' } }) });
    const element = await mount({
      locale: 'fr',
      display: 'floating',
      strings: { launcher: 'Appelez Ava', call: 'Appeler Ava', status: { ready: 'À vous !', nope: 'x' }, bogus: 1 },
    });
    await waitForStatus(element, 'ready');
    const launcher = part(element, 'launcher') as HTMLElement;
    expect(launcher.textContent?.trim()).to.equal('Appelez Ava');
    await element.open();
    expect((await waitForPart(element, 'call-button')).textContent?.trim()).to.equal('Appeler Ava');
    expect(part(element, 'status')?.textContent?.trim()).to.equal('À vous !');
    // Untouched texts stay French.
    expect(element.shadowRoot?.querySelector('.close')?.getAttribute('aria-label')).to.equal('Fermer');
    const strays = warnings.filter((text) => text.includes('strings'));
    expect(strays).to.have.length(1);
    expect(strays[0]).to.contain('status.nope').and.contain('bogus');

    element.strings = { call: 'Parler à Ava' };
    await waitUntil(() => part(element, 'call-button')?.textContent?.trim() === 'Parler à Ava', 'not re-applied');
  });

  it('mirrors the panel for Arabic and Hebrew while the launcher keeps its corner and times read left to right', async () => {
    for (const locale of ['ar', 'he']) {
      const element = await mount({ locale, display: 'floating' });
      await waitForStatus(element, 'ready');
      await element.open();
      await waitUntil(() => part(element, 'panel')?.getAttribute('lang') === locale, `no ${locale} panel`);
      const current = part(element, 'panel') as HTMLElement;
      expect(current.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(current).direction).to.equal('rtl');
      const close = element.shadowRoot?.querySelector('.close') as HTMLElement;
      const title = part(element, 'title') as HTMLElement;
      expect(close.getBoundingClientRect().right, `${locale}: close button on the left`).to.be.at.most(
        title.getBoundingClientRect().left + 1,
      );
      // The account's corner (bottom right) stays: the launcher hugs the right edge of the viewport.
      const launcher = (part(element, 'launcher') as HTMLElement).getBoundingClientRect();
      expect(window.innerWidth - launcher.right).to.be.lessThan(40);
      expect(part(element, 'launcher')?.getAttribute('dir')).to.equal('rtl');
      element.remove();
    }
  });

  it('keeps left-to-right locales unmirrored', async () => {
    const element = await mount({ locale: 'de', display: 'floating' });
    await waitForStatus(element, 'ready');
    await element.open();
    await waitUntil(() => part(element, 'panel')?.getAttribute('lang') === 'de', 'not German');
    const panel = part(element, 'panel') as HTMLElement;
    expect(getComputedStyle(panel).direction).to.equal('ltr');
    const close = element.shadowRoot?.querySelector('.close') as HTMLElement;
    const title = part(element, 'title') as HTMLElement;
    expect(close.getBoundingClientRect().left).to.be.at.least(title.getBoundingClientRect().right - 1);
  });
});
