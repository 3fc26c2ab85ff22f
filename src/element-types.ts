/**
 * What `<kataven-widget>` accepts in a framework's markup, derived from the element itself: its properties are the
 * keys of its Lit `static properties` (typed as the class declares them), its attributes those properties that are
 * not `attribute: false`, its events `KatavenEventMap`. The framework typings (`./react`, `./preact`, `./vue`,
 * `./svelte`) build on these only, so a property or event added to the element reaches every one of them.
 * test/size/types.test.mjs checks these names against custom-elements.json, from the packed package.
 */
import type { LauncherPosition } from './api/branding.js';
import type { KatavenEventMap, KatavenEventName } from './events.js';
import type { KatavenWidget } from './widget/kataven-widget.js';

type Declarations = typeof KatavenWidget.properties;

/** Every property the element declares. */
export type KatavenWidgetPropertyName = keyof Declarations & keyof KatavenWidget;

/** Properties set from JavaScript only (`attribute: false`: objects, functions, tokens). */
type PropertyOnlyName = {
  [Name in KatavenWidgetPropertyName]: Declarations[Name] extends { attribute: boolean } ? Name : never;
}[KatavenWidgetPropertyName];

/** Attribute names other than the lower-cased property name (`attribute: '…'` in `static properties`). */
interface AttributeNames {
  clientKey: 'client-key';
  agentId: 'agent-id';
  apiBase: 'api-base';
}

/** Documented attribute values narrower than the property's own type (the element ignores anything else). */
interface AttributeValues {
  position: LauncherPosition;
}

type AttributeProperties = Pick<KatavenWidget, Exclude<KatavenWidgetPropertyName, PropertyOnlyName>>;
/** Properties whose attribute is renamed; indexing `AttributeNames` with them fails to compile when one is missing. */
type RenamedAttribute = {
  [Name in KatavenWidgetPropertyName]: Declarations[Name] extends { attribute: string } ? Name : never;
}[KatavenWidgetPropertyName];
type AttributeName<Name extends string> = Name extends RenamedAttribute ? AttributeNames[Name] : Lowercase<Name>;

/** The element's attributes (strings, as written in HTML), each documented as its property is. */
export type KatavenWidgetAttributes = {
  [Name in keyof AttributeProperties as AttributeName<Name>]?: Name extends keyof AttributeValues
    ? AttributeValues[Name]
    : Exclude<AttributeProperties[Name], undefined>;
};

/** The element's settable properties (frameworks that set DOM properties accept these too). */
export type KatavenWidgetProperties = Partial<Pick<KatavenWidget, KatavenWidgetPropertyName>>;

/** `kataven-call-end` → `CallEnd`. */
type PascalCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<Name>;

/**
 * Listeners as React 19, Preact and Svelte 5 take them on a custom element: `on` and the event's name
 * (`onkataven-call-end={(event) => …}`).
 */
export type KatavenWidgetEventAttributes = {
  [Type in keyof KatavenEventMap as `on${Type}`]?: (event: KatavenEventMap[Type]) => void;
};

/** The event prop names of `@kataven/widget/react` (`onCallEnd`) and the event each stands for. */
export type KatavenReactEventNames = {
  [Name in KatavenEventName as `on${PascalCase<Name>}`]: `kataven-${Name}`;
};

/** Listeners as Vue templates pass them to a component: `@kataven-call-end` is the prop `onKatavenCallEnd`. */
export type KatavenWidgetVueEventProps = {
  [Name in KatavenEventName as `onKataven${PascalCase<Name>}`]?: (event: KatavenEventMap[`kataven-${Name}`]) => void;
};
