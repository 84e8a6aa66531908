/**
 * Freshdesk reports an agent's time zone by its Rails ActiveSupport name ("Beijing", "Eastern Time (US & Canada)").
 * This is the whole of Rails' `ActiveSupport::TimeZone::MAPPING` (activesupport/lib/active_support/values/time_zone.rb,
 * the 151 names Freshdesk's time zone list offers), packed for the sidebar bundle: `Region/Name,Name=City,…`
 * per region, joined by `|`, with `=City` left out where it is the name with spaces as underscores ("Asia/…,Tokyo,…"
 * is Asia/Tokyo; "Beijing=Shanghai" is Asia/Shanghai). The region is written once: about 130 B gzipped less than
 * one `Name=Region/City` per entry. The unit test checks it
 * against the full table in test/fixtures/hosts/rails-time-zones.json. No maintained npm package ships it.
 */
const PACKED =
  'Pacific/International Date Line West=Midway,Midway Island=Midway,American Samoa=Pago_Pago,Hawaii=Honolulu,Guam,' +
  'Port Moresby,Solomon Is.=Guadalcanal,New Caledonia=Noumea,Fiji,Marshall Is.=Majuro,Auckland,Wellington=Auckland,' +
  "Nuku'alofa=Tongatapu,Tokelau Is.=Fakaofo,Chatham Is.=Chatham,Samoa=Apia|America/Alaska=Juneau," +
  'Pacific Time (US & Canada)=Los_Angeles,Tijuana,Mountain Time (US & Canada)=Denver,Arizona=Phoenix,Chihuahua,' +
  'Mazatlan,Central Time (US & Canada)=Chicago,Saskatchewan=Regina,Guadalajara=Mexico_City,Mexico City,Monterrey,' +
  'Central America=Guatemala,Eastern Time (US & Canada)=New_York,Indiana (East)=Indiana/Indianapolis,Bogota,Lima,' +
  'Quito=Lima,Atlantic Time (Canada)=Halifax,Caracas,La Paz,Santiago,Newfoundland=St_Johns,Brasilia=Sao_Paulo,' +
  'Buenos Aires=Argentina/Buenos_Aires,Montevideo,Georgetown=Guyana,Puerto Rico,Greenland=Godthab|' +
  'Atlantic/Mid-Atlantic=South_Georgia,Azores,Cape Verde Is.=Cape_Verde|Europe/Dublin,Edinburgh=London,Lisbon,' +
  'London,Belgrade,Bratislava,Budapest,Ljubljana,Prague,Sarajevo,Skopje,Warsaw,Zagreb,Brussels,Copenhagen,Madrid,' +
  'Paris,Amsterdam,Berlin,Bern=Zurich,Zurich,Rome,Stockholm,Vienna,Bucharest,Helsinki,Kyiv=Kiev,Riga,Sofia,Tallinn,' +
  'Vilnius,Athens,Istanbul,Minsk,Kaliningrad,Moscow,St. Petersburg=Moscow,Volgograd,Samara|Africa/Casablanca,' +
  'Monrovia,West Central Africa=Algiers,Cairo,Harare,Pretoria=Johannesburg,Nairobi|Etc/UTC|Asia/Jerusalem,Kuwait,' +
  'Riyadh,Baghdad,Tehran,Abu Dhabi=Muscat,Muscat,Baku,Tbilisi,Yerevan,Kabul,Ekaterinburg=Yekaterinburg,' +
  'Islamabad=Karachi,Karachi,Tashkent,Chennai=Kolkata,Kolkata,Mumbai=Kolkata,New Delhi=Kolkata,Kathmandu,' +
  'Astana=Dhaka,Dhaka,Sri Jayawardenepura=Colombo,Almaty,Novosibirsk,Rangoon,Bangkok,Hanoi=Bangkok,Jakarta,' +
  'Krasnoyarsk,Beijing=Shanghai,Chongqing,Hong Kong,Urumqi,Kuala Lumpur,Singapore,Taipei,Irkutsk,Ulaanbaatar,Seoul,' +
  'Osaka=Tokyo,Sapporo=Tokyo,Tokyo,Yakutsk,Vladivostok,Magadan,Srednekolymsk,Kamchatka|Australia/Perth,Darwin,' +
  'Adelaide,Canberra=Melbourne,Melbourne,Sydney,Brisbane,Hobart';

let table: Map<string, string> | null = null;

/** The IANA zone of a Rails zone name, or undefined. */
function railsZone(name: string): string | undefined {
  if (!table) {
    table = new Map();
    for (const group of PACKED.split('|')) {
      const slash = group.indexOf('/');
      const region = group.slice(0, slash + 1);
      for (const entry of group.slice(slash + 1).split(',')) {
        const eq = entry.indexOf('=');
        const key = eq < 0 ? entry : entry.slice(0, eq);
        table.set(key, region + (eq < 0 ? key.replace(/ /g, '_') : entry.slice(eq + 1)));
      }
    }
  }
  return table.get(name);
}

/**
 * The IANA name for Freshdesk's `time_zone` (a Rails name, or already IANA), unchecked; null when there is none.
 * The sidebar sends it as `cd_zone` and checks it (`canonicalZone`) only when it formats a time itself (host-api.ts).
 */
export function freshdeskZoneName(raw: unknown): string | null {
  return typeof raw === 'string' && raw.trim() ? (railsZone(raw.trim()) ?? raw.trim()) : null;
}
