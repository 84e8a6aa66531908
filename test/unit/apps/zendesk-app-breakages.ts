/**
 * One change per row that breaks a built Zendesk app, and the zendesk_apps_support error code it must give
 * (validate-zendesk-app.test.ts runs each on a fresh copy of the built app).
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { editJson } from './built-apps';

export const manifest = (d: string, edit: (m: any) => void) => editJson(path.join(d, 'manifest.json'), edit);

export const ZENDESK_APP_BREAKAGES: [name: string, change: (d: string) => void, code: string][] = [
  [
    'frameworkVersion other than 2.0',
    (d: string) =>
      manifest(d, (m) => {
        m.frameworkVersion = '1.0';
      }),
    'invalid_version',
  ],
  [
    'missing author',
    (d: string) =>
      manifest(d, (m) => {
        delete m.author;
      }),
    'manifest_keys.missing',
  ],
  [
    'missing defaultLocale',
    (d: string) =>
      manifest(d, (m) => {
        delete m.defaultLocale;
      }),
    'manifest_keys.missing',
  ],
  [
    'missing location',
    (d: string) =>
      manifest(d, (m) => {
        delete m.location;
      }),
    'manifest_keys.missing',
  ],
  [
    'missing frameworkVersion',
    (d: string) =>
      manifest(d, (m) => {
        delete m.frameworkVersion;
      }),
    'manifest_keys.missing',
  ],
  [
    'private not boolean',
    (d: string) =>
      manifest(d, (m) => {
        m.private = 'yes';
      }),
    'unacceptable_boolean',
  ],
  [
    'bad author url',
    (d: string) =>
      manifest(d, (m) => {
        m.author.url = 'not a url';
      }),
    'invalid_url',
  ],
  [
    'domainWhitelist not strings',
    (d: string) =>
      manifest(d, (m) => {
        m.domainWhitelist = [1];
      }),
    'unacceptable_array_of_strings',
  ],
  [
    'unknown location',
    (d: string) =>
      manifest(d, (m) => {
        m.location.support.ticket_sidebarz = { url: 'assets/iframe.html' };
      }),
    'invalid_location',
  ],
  [
    'unknown host',
    (d: string) =>
      manifest(d, (m) => {
        m.location.desk = { ticket_sidebar: { url: 'assets/iframe.html' } };
      }),
    'invalid_host',
  ],
  [
    'http location url',
    (d: string) =>
      manifest(d, (m) => {
        m.location.support.ticket_sidebar.url = 'http://example.com/app';
      }),
    'invalid_location_uri',
  ],
  [
    'relative url outside assets',
    (d: string) =>
      manifest(d, (m) => {
        m.location.support.ticket_sidebar.url = 'iframe.html';
      }),
    'invalid_location_uri',
  ],
  [
    'relative url to a missing file',
    (d: string) =>
      manifest(d, (m) => {
        m.location.support.ticket_sidebar.url = 'assets/missing.html';
      }),
    'invalid_location_uri',
  ],
  [
    'blank location url',
    (d: string) =>
      manifest(d, (m) => {
        m.location.support.ticket_sidebar.url = '';
      }),
    'blank_location_uri',
  ],
  [
    'flexible not boolean',
    (d: string) =>
      manifest(d, (m) => {
        m.location.support.ticket_sidebar.flexible = 'yes';
      }),
    'invalid_location_flexible_type',
  ],
  [
    'unknown parameter type',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters[0].type = 'textarea';
      }),
    'invalid_type_parameter',
  ],
  [
    'agent_roles typed as Freshdesk "paragraph"',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters.find((p: any) => p.name === 'agent_roles').type = 'paragraph';
      }),
    'invalid_type_parameter',
  ],
  [
    'agent_roles without a label in one locale',
    (d: string) =>
      editJson(path.join(d, 'translations/zh-cn.json'), (j) => {
        delete j.app.parameters.agent_roles;
      }),
    'translation.missing_parameter_label',
  ],
  [
    'duplicate parameter',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters.push({ ...m.parameters[0] });
      }),
    'duplicate_parameters',
  ],
  [
    'required hidden parameter',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters.push({ name: 'h', type: 'hidden', required: true });
      }),
    'invalid_hidden_parameter',
  ],
  [
    'parameter called name',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters.push({ name: 'name', type: 'text' });
      }),
    'name_as_parameter_name',
  ],
  [
    'secure not boolean',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters[1].secure = 'true';
      }),
    'unacceptable_boolean',
  ],
  [
    'scopes on a non-secure parameter',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters[0].scopes = ['header'];
      }),
    'field_requires_secure_parameter',
  ],
  [
    'unknown secure scope',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters[1].scopes = ['jwt_secret'];
      }),
    'field_contains_invalid_values',
  ],
  [
    'empty secure scopes',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters[1].scopes = [];
      }),
    'field_cannot_be_empty',
  ],
  [
    'two oauth parameters',
    (d: string) =>
      manifest(d, (m) => {
        m.parameters.push({ name: 'o1', type: 'oauth' }, { name: 'o2', type: 'oauth' });
      }),
    'too_many_oauth_parameters',
  ],
  ['default locale without translation file', (d: string) => fs.rmSync(path.join(d, 'translations/en.json')), 'missing_translation_file'],
  [
    'translation without app.name',
    (d: string) =>
      editJson(path.join(d, 'translations/zh-cn.json'), (j) => {
        delete j.app.name;
      }),
    'translation.missing_required_key',
  ],
  [
    'en translation without app.name',
    (d: string) =>
      editJson(path.join(d, 'translations/en.json'), (j) => {
        delete j.app.name;
      }),
    'translation.missing_required_key',
  ],
  [
    'parameter without a label',
    (d: string) =>
      editJson(path.join(d, 'translations/zh-tw.json'), (j) => {
        delete j.app.parameters.shared_secret;
      }),
    'translation.missing_parameter_label',
  ],
  [
    'parameter node without label key',
    (d: string) =>
      editJson(path.join(d, 'translations/en.json'), (j) => {
        j.app.parameters.connector_url = { helpText: 'x' };
      }),
    'translation.missing_required_key_on_leaf',
  ],
  [
    'translation file that is not JSON',
    (d: string) => fs.writeFileSync(path.join(d, 'translations/zh-cn.json'), '{not json'),
    'translation.not_json',
  ],
  [
    'translation file with a bad locale name',
    (d: string) => fs.writeFileSync(path.join(d, 'translations/EN_us.json'), '{}'),
    'translation.invalid_locale',
  ],
  [
    'a zip file inside the app',
    (d: string) => fs.writeFileSync(path.join(d, 'assets/extra.zip'), Buffer.from(zipSync({ a: new Uint8Array([1]) }))),
    'unsupported_mime_type_detected',
  ],
  [
    'a pdf disguised as .txt',
    (d: string) => fs.writeFileSync(path.join(d, 'assets/readme.txt'), '%PDF-1.4\n'),
    'unsupported_mime_type_detected',
  ],
  ['a symlink', (d: string) => fs.symlinkSync(path.join(d, 'assets/iframe.html'), path.join(d, 'assets/link.html')), 'symlink_in_zip'],
  ['no manifest', (d: string) => fs.rmSync(path.join(d, 'manifest.json')), 'missing_manifest'],
  ['manifest not JSON', (d: string) => fs.writeFileSync(path.join(d, 'manifest.json'), '{'), 'manifest_not_json'],
];
