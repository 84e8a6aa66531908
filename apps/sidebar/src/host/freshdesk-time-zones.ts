/**
 * Freshdesk reports an agent's time zone by its Rails ActiveSupport name ("Beijing", "Eastern Time (US & Canada)").
 * This is the whole of Rails' `ActiveSupport::TimeZone::MAPPING` (activesupport/lib/active_support/values/time_zone.rb,
 * the 151 names Freshdesk's time zone list offers), packed for the sidebar bundle: `Name=Region/City`, with `City`
 * left out where it is the name with spaces as underscores ("Tokyo=Asia/" is Asia/Tokyo). The unit test checks it
 * against the full table in test/fixtures/hosts/rails-time-zones.json. No maintained npm package ships it.
 */
import { toTimeZone } from './host-api';

const PACKED =
  'International Date Line West=Pacific/Midway|Midway Island=Pacific/Midway|American Samoa=Pacific/Pago_Pago|' +
  'Hawaii=Pacific/Honolulu|Alaska=America/Juneau|Pacific Time (US & Canada)=America/Los_Angeles|Tijuana=America/|' +
  'Mountain Time (US & Canada)=America/Denver|Arizona=America/Phoenix|Chihuahua=America/|Mazatlan=America/|' +
  'Central Time (US & Canada)=America/Chicago|Saskatchewan=America/Regina|Guadalajara=America/Mexico_City|' +
  'Mexico City=America/|Monterrey=America/|Central America=America/Guatemala|' +
  'Eastern Time (US & Canada)=America/New_York|Indiana (East)=America/Indiana/Indianapolis|Bogota=America/|' +
  'Lima=America/|Quito=America/Lima|Atlantic Time (Canada)=America/Halifax|Caracas=America/|La Paz=America/|' +
  'Santiago=America/|Newfoundland=America/St_Johns|Brasilia=America/Sao_Paulo|Buenos Aires=America/Argentina/|' +
  'Montevideo=America/|Georgetown=America/Guyana|Puerto Rico=America/|Greenland=America/Godthab|' +
  'Mid-Atlantic=Atlantic/South_Georgia|Azores=Atlantic/|Cape Verde Is.=Atlantic/Cape_Verde|Dublin=Europe/|' +
  'Edinburgh=Europe/London|Lisbon=Europe/|London=Europe/|Casablanca=Africa/|Monrovia=Africa/|UTC=Etc/|' +
  'Belgrade=Europe/|Bratislava=Europe/|Budapest=Europe/|Ljubljana=Europe/|Prague=Europe/|Sarajevo=Europe/|' +
  'Skopje=Europe/|Warsaw=Europe/|Zagreb=Europe/|Brussels=Europe/|Copenhagen=Europe/|Madrid=Europe/|Paris=Europe/|' +
  'Amsterdam=Europe/|Berlin=Europe/|Bern=Europe/Zurich|Zurich=Europe/|Rome=Europe/|Stockholm=Europe/|' +
  'Vienna=Europe/|West Central Africa=Africa/Algiers|Bucharest=Europe/|Cairo=Africa/|Helsinki=Europe/|' +
  'Kyiv=Europe/Kiev|Riga=Europe/|Sofia=Europe/|Tallinn=Europe/|Vilnius=Europe/|Athens=Europe/|Istanbul=Europe/|' +
  'Minsk=Europe/|Jerusalem=Asia/|Harare=Africa/|Pretoria=Africa/Johannesburg|Kaliningrad=Europe/|Moscow=Europe/|' +
  'St. Petersburg=Europe/Moscow|Volgograd=Europe/|Samara=Europe/|Kuwait=Asia/|Riyadh=Asia/|Nairobi=Africa/|' +
  'Baghdad=Asia/|Tehran=Asia/|Abu Dhabi=Asia/Muscat|Muscat=Asia/|Baku=Asia/|Tbilisi=Asia/|Yerevan=Asia/|' +
  'Kabul=Asia/|Ekaterinburg=Asia/Yekaterinburg|Islamabad=Asia/Karachi|Karachi=Asia/|Tashkent=Asia/|' +
  'Chennai=Asia/Kolkata|Kolkata=Asia/|Mumbai=Asia/Kolkata|New Delhi=Asia/Kolkata|Kathmandu=Asia/|' +
  'Astana=Asia/Dhaka|Dhaka=Asia/|Sri Jayawardenepura=Asia/Colombo|Almaty=Asia/|Novosibirsk=Asia/|Rangoon=Asia/|' +
  'Bangkok=Asia/|Hanoi=Asia/Bangkok|Jakarta=Asia/|Krasnoyarsk=Asia/|Beijing=Asia/Shanghai|Chongqing=Asia/|' +
  'Hong Kong=Asia/|Urumqi=Asia/|Kuala Lumpur=Asia/|Singapore=Asia/|Taipei=Asia/|Perth=Australia/|Irkutsk=Asia/|' +
  'Ulaanbaatar=Asia/|Seoul=Asia/|Osaka=Asia/Tokyo|Sapporo=Asia/Tokyo|Tokyo=Asia/|Yakutsk=Asia/|Darwin=Australia/|' +
  'Adelaide=Australia/|Canberra=Australia/Melbourne|Melbourne=Australia/|Sydney=Australia/|Brisbane=Australia/|' +
  'Hobart=Australia/|Vladivostok=Asia/|Guam=Pacific/|Port Moresby=Pacific/|Magadan=Asia/|Srednekolymsk=Asia/|' +
  'Solomon Is.=Pacific/Guadalcanal|New Caledonia=Pacific/Noumea|Fiji=Pacific/|Kamchatka=Asia/|' +
  "Marshall Is.=Pacific/Majuro|Auckland=Pacific/|Wellington=Pacific/Auckland|Nuku'alofa=Pacific/Tongatapu|" +
  'Tokelau Is.=Pacific/Fakaofo|Chatham Is.=Pacific/Chatham|Samoa=Pacific/Apia';

let table: Map<string, string> | null = null;

/** The IANA zone of a Rails zone name, or undefined. */
function railsZone(name: string): string | undefined {
  if (!table) {
    table = new Map();
    for (const entry of PACKED.split('|')) {
      const eq = entry.indexOf('=');
      const key = entry.slice(0, eq);
      const zone = entry.slice(eq + 1);
      table.set(key, zone.endsWith('/') ? zone + key.replace(/ /g, '_') : zone);
    }
  }
  return table.get(name);
}

/** The agent's IANA zone from Freshdesk's `time_zone` (a Rails name, or already IANA); null when unknown. */
export function freshdeskTimeZone(raw: unknown): string | null {
  return toTimeZone(typeof raw === 'string' ? (railsZone(raw.trim()) ?? raw) : raw);
}
