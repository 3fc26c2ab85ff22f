/** Norwegian (Bokmål) UI strings, a chunk of their own: loaded only on pages that ask for Norwegian (Bokmål). */
import type { Strings } from './en.js';

const nb: Strings = {
  launcher: 'Snakk med oss',
  close: 'Lukk',
  call: 'Start samtale',
  end: 'Avslutt samtale',
  mute: 'Slå av mikrofonen',
  unmute: 'Slå på mikrofonen',
  retry: 'Prøv igjen',
  retryIn: (seconds: number) => `Prøv igjen om ${seconds} s`,
  agree: 'Godta og ring',
  decline: 'Ikke nå',
  consent: 'Samtalen bruker mikrofonen din. Gi ditt samtykke før vi kobler deg til.',
  signIn: 'Logg inn for å snakke med denne assistenten.',
  transcript: 'Transkripsjon',
  you: 'Deg',
  meter: 'Lydnivå',
  elapsed: 'Samtaletid',
  remaining: (seconds: number) => `${seconds} s igjen`,
  status: {
    idle: '',
    loading: 'Laster inn…',
    ready: 'Klar når du er.',
    unavailable: 'Ikke tilgjengelig akkurat nå.',
    connecting: 'Kobler til…',
    ringing: 'Ringer…',
    connected: 'Tilkoblet. Bare snakk.',
    reconnecting: 'Forbindelsen ble brutt. Kobler til på nytt…',
    ended: 'Samtalen er avsluttet.',
    error: 'Noe gikk galt.',
  },
  errors: {
    invalid_key: 'Denne assistenten er ikke riktig satt opp på dette nettstedet.',
    secret_key_in_page: 'Denne assistenten er ikke riktig satt opp på dette nettstedet.',
    origin_not_allowed: 'Dette nettstedet har ikke tillatelse til å bruke denne assistenten.',
    key_disabled: 'Denne assistenten er slått av for dette nettstedet.',
    agent_not_found: 'Fant ikke denne assistenten.',
    agent_not_active: 'Denne assistenten tar ikke imot samtaler akkurat nå.',
    widget_disabled: 'Denne assistenten er ikke tilgjengelig på nett.',
    sign_in_required: 'Logg inn for å snakke med denne assistenten.',
    rate_limited: 'For mange forespørsler. Vent litt og prøv igjen.',
    cost_cap: 'Alle linjer er opptatt. Prøv igjen senere.',
    network: 'Fikk ikke kontakt med serveren. Sjekk tilkoblingen og prøv igjen.',
    server_error: 'Serveren fikk et problem. Prøv igjen.',
    invalid_response: 'Serveren sendte et uventet svar. Prøv igjen.',
    mic_denied:
      'Tilgang til mikrofonen ble blokkert. Tillat den i nettleserens innstillinger for nettstedet, og prøv igjen.',
    mic_unavailable: 'Ingen mikrofon kunne brukes. Sjekk at en er koblet til og ikke er i bruk, og prøv igjen.',
    browser_unsupported:
      'Denne nettleseren kan ikke ringe taleanrop. Bruk en oppdatert versjon av Chrome, Edge, Firefox eller Safari.',
    call_failed: 'Samtalen kunne ikke kobles til. Prøv igjen.',
    call_dropped: 'Samtalen ble brutt. Prøv igjen.',
  },
};

export default nb;
