/** Dutch UI strings, a chunk of their own: loaded only on pages that ask for Dutch. */
import type { Strings } from './en.js';

const nl: Strings = {
  launcher: 'Praat met ons',
  close: 'Sluiten',
  call: 'Gesprek starten',
  end: 'Ophangen',
  mute: 'Microfoon dempen',
  unmute: 'Microfoon aanzetten',
  retry: 'Opnieuw proberen',
  retryIn: (seconds: number) => `Opnieuw proberen over ${seconds} s`,
  agree: 'Akkoord en bellen',
  decline: 'Niet nu',
  consent: 'Voor dit gesprek gebruiken we uw microfoon. Geef eerst uw toestemming, dan verbinden we u door.',
  signIn: 'Log in om met deze assistent te praten.',
  transcript: 'Transcript',
  you: 'U',
  meter: 'Geluidsniveau',
  elapsed: 'Gespreksduur',
  remaining: (seconds: number) => `Nog ${seconds} s`,
  status: {
    idle: '',
    loading: 'Laden…',
    ready: 'Klaar wanneer u dat bent.',
    unavailable: 'Op dit moment niet beschikbaar.',
    connecting: 'Verbinden…',
    ringing: 'Gaat over…',
    connected: 'Verbonden. U kunt nu praten.',
    reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
    ended: 'Gesprek beëindigd.',
    error: 'Er ging iets mis.',
  },
  errors: {
    invalid_key: 'Deze assistent is niet goed ingesteld op deze website.',
    secret_key_in_page: 'Deze assistent is niet goed ingesteld op deze website.',
    origin_not_allowed: 'Deze website mag deze assistent niet gebruiken.',
    key_disabled: 'Deze assistent is uitgeschakeld voor deze website.',
    agent_not_found: 'Deze assistent is niet gevonden.',
    agent_not_active: 'Deze assistent neemt op dit moment geen gesprekken aan.',
    widget_disabled: 'Deze assistent is niet beschikbaar op het web.',
    sign_in_required: 'Log in om met deze assistent te praten.',
    rate_limited: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
    cost_cap: 'Alle lijnen zijn bezet. Probeer het later opnieuw.',
    network: 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.',
    server_error: 'Er is een probleem met de server. Probeer het opnieuw.',
    invalid_response: 'De server gaf een onverwacht antwoord. Probeer het opnieuw.',
    mic_denied:
      'Toegang tot de microfoon is geblokkeerd. Sta die toe in de site-instellingen van uw browser en probeer het opnieuw.',
    mic_unavailable:
      'Er kon geen microfoon worden gebruikt. Controleer of er een is aangesloten die niet in gebruik is, en probeer het opnieuw.',
    browser_unsupported:
      'Deze browser kan geen spraakgesprekken voeren. Gebruik een recente versie van Chrome, Edge, Firefox of Safari.',
    call_failed: 'Het gesprek kon niet worden verbonden. Probeer het opnieuw.',
    call_dropped: 'Het gesprek is weggevallen. Probeer het opnieuw.',
  },
  conversation: {
    typeInstead: 'Verder met typen',
    typeInsteadHint: 'U hoort de assistent en kunt schriftelijk antwoorden.',
    message: 'Bericht',
    placeholder: 'Typ een bericht…',
    send: 'Versturen',
  },
};

export default nl;
