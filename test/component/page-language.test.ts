// The widget follows the page's `<html lang>` when it has no `locale` attribute, also when a single-page app changes
// it after load (src/widget/page-language.ts): one MutationObserver for every element, connected only while one is.
import { expect, waitUntil } from '@open-wc/testing';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { configBody } from '../helpers/fake-server.js';
import { part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

/** A locale's chunk may take a while to load on a busy machine. */
const slow = { timeout: 5000 };

const text = (element: KatavenWidget, name: string) => part(element, name)?.textContent?.trim() ?? '';

describe('<html lang> changes after load', () => {
  const testbed = useWidgetTestbed();
  const htmlLang = document.documentElement.lang;
  /** No `agent-id`; a `locale` attribute only when given, so the page's language decides. */
  const mount = (locale?: string): Promise<KatavenWidget> => testbed.mount({ agentId: null, locale: locale ?? null });

  beforeEach(() => {
    // No account label, so the launcher speaks the locale's own words.
    testbed.server.on('GET /widget/config', { body: configBody({ branding: { launcher_label: '' } }) });
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    document.documentElement.lang = htmlLang;
  });

  it('switches the launcher and the open panel to German when the page sets <html lang="de">', async () => {
    const element = await mount();
    await waitForStatus(element, 'ready');
    await waitUntil(() => text(element, 'launcher') === 'Talk to us', 'the launcher is not in English', slow);
    await element.open();
    expect((await waitForPart(element, 'call-button')).textContent?.trim()).to.equal('Start call');

    document.documentElement.lang = 'de';
    await waitUntil(() => text(element, 'call-button') === 'Anruf starten', 'the panel did not switch to German', slow);
    expect(part(element, 'panel')?.getAttribute('lang')).to.equal('de');
    await element.close();
    await waitUntil(() => text(element, 'launcher') === 'Sprechen Sie mit uns', 'the launcher is not in German', slow);
    expect(part(element, 'launcher')?.getAttribute('lang')).to.equal('de');

    // And back: a region tag reduces to its language, as at load.
    document.documentElement.lang = 'en-GB';
    await waitUntil(() => text(element, 'launcher') === 'Talk to us', 'the launcher did not switch back', slow);
  });

  it('keeps an explicit `locale` attribute whatever the page says', async () => {
    const following = await mount();
    const french = await mount('fr');
    await waitForStatus(following, 'ready');
    await waitForStatus(french, 'ready');
    await waitUntil(() => text(french, 'launcher') === 'Parlez-nous', 'the launcher is not in French', slow);

    document.documentElement.lang = 'de';
    // The element without `locale` switching is the proof the change was seen; the French one stays French.
    await waitUntil(() => text(following, 'launcher') === 'Sprechen Sie mit uns', 'the follower did not switch', slow);
    await french.updateComplete;
    expect(text(french, 'launcher')).to.equal('Parlez-nous');
    expect(part(french, 'launcher')?.getAttribute('lang')).to.equal('fr');
  });

  it('observes <html> once for all elements, and only while one is connected', async () => {
    const observing = new Set<MutationObserver>();
    const realObserve = MutationObserver.prototype.observe;
    const realDisconnect = MutationObserver.prototype.disconnect;
    MutationObserver.prototype.observe = function (target, options) {
      if (target === document.documentElement && options?.attributeFilter?.includes('lang')) observing.add(this);
      realObserve.call(this, target, options);
    };
    MutationObserver.prototype.disconnect = function () {
      observing.delete(this);
      realDisconnect.call(this);
    };
    try {
      const first = await mount();
      const second = await mount();
      expect(observing.size, 'one observer for two elements').to.equal(1);
      first.remove();
      expect(observing.size, 'stopped while an element is still connected').to.equal(1);
      second.remove();
      expect(observing.size, 'still observing with no element connected').to.equal(0);

      // Re-inserted (a route coming back): observes again, and follows the page.
      document.body.append(second);
      expect(observing.size).to.equal(1);
      await waitForStatus(second, 'ready');
      document.documentElement.lang = 'de';
      await waitUntil(
        () => text(second, 'launcher') === 'Sprechen Sie mit uns',
        'not following after re-insertion',
        slow,
      );
      second.remove();
      expect(observing.size).to.equal(0);
    } finally {
      MutationObserver.prototype.observe = realObserve;
      MutationObserver.prototype.disconnect = realDisconnect;
    }
  });
});
