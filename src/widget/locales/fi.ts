/** Finnish UI strings, a chunk of their own: loaded only on pages that ask for Finnish. */
import type { Strings } from './en.js';

const fi: Strings = {
  launcher: 'Puhu meille',
  close: 'Sulje',
  call: 'Aloita puhelu',
  end: 'Lopeta puhelu',
  mute: 'Mykistä mikrofoni',
  unmute: 'Poista mykistys',
  retry: 'Yritä uudelleen',
  retryIn: (seconds: number) => `Yritä uudelleen ${seconds} s kuluttua`,
  agree: 'Hyväksy ja soita',
  decline: 'Ei nyt',
  consent: 'Puhelu käyttää mikrofoniasi. Anna suostumuksesi ennen kuin yhdistämme sinut.',
  signIn: 'Kirjaudu sisään puhuaksesi tämän avustajan kanssa.',
  transcript: 'Keskustelu',
  you: 'Sinä',
  meter: 'Äänen taso',
  elapsed: 'Puhelun kesto',
  remaining: (seconds: number) => `${seconds} s jäljellä`,
  status: {
    idle: '',
    loading: 'Ladataan…',
    ready: 'Valmiina, kun sinä olet.',
    unavailable: 'Ei käytettävissä juuri nyt.',
    connecting: 'Yhdistetään…',
    ringing: 'Hälyttää…',
    connected: 'Yhdistetty. Voit puhua.',
    reconnecting: 'Yhteys katkesi. Yhdistetään uudelleen…',
    ended: 'Puhelu päättyi.',
    error: 'Jokin meni vikaan.',
  },
  errors: {
    invalid_key: 'Tätä avustajaa ei ole määritetty oikein tälle sivustolle.',
    secret_key_in_page: 'Tätä avustajaa ei ole määritetty oikein tälle sivustolle.',
    origin_not_allowed: 'Tällä sivustolla ei ole lupaa käyttää tätä avustajaa.',
    key_disabled: 'Tämä avustaja on poistettu käytöstä tällä sivustolla.',
    agent_not_found: 'Avustajaa ei löytynyt.',
    agent_not_active: 'Avustaja ei ota vastaan puheluita juuri nyt.',
    widget_disabled: 'Tämä avustaja ei ole käytettävissä verkossa.',
    sign_in_required: 'Kirjaudu sisään puhuaksesi tämän avustajan kanssa.',
    rate_limited: 'Liian monta pyyntöä. Odota hetki ja yritä uudelleen.',
    cost_cap: 'Kaikki linjat ovat varattuja. Yritä myöhemmin uudelleen.',
    network: 'Palvelimeen ei saatu yhteyttä. Tarkista yhteytesi ja yritä uudelleen.',
    server_error: 'Palvelimella oli ongelma. Yritä uudelleen.',
    invalid_response: 'Palvelin lähetti odottamattoman vastauksen. Yritä uudelleen.',
    mic_denied: 'Mikrofonin käyttö estettiin. Salli se selaimen sivustoasetuksissa ja yritä uudelleen.',
    mic_unavailable:
      'Mikrofonia ei voitu käyttää. Tarkista, että mikrofoni on liitetty eikä se ole muussa käytössä, ja yritä uudelleen.',
    browser_unsupported:
      'Tällä selaimella ei voi soittaa puheluita. Käytä Chromen, Edgen, Firefoxin tai Safarin uutta versiota.',
    call_failed: 'Puhelua ei voitu yhdistää. Yritä uudelleen.',
    call_dropped: 'Puhelu katkesi. Yritä uudelleen.',
  },
};

export default fi;
