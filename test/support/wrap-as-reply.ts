/**
 * A labelled ticket rewritten as the reply of a long email thread: subject "Re: order N", a greeting and an
 * unrelated matter first, then the ticket's text, a signature and a quoted automatic reply (en or zh by the
 * ticket's locale). The wrappers and the order number vary with `i`. For tests of a hazard inside a long email
 * (docs/classification.md §8).
 */
import type { LabelledTicket } from '../../policies/src/training/train-model';

const EN_BEFORE = [
  "Hello team,\n\nI'm writing about order #{o} placed on the 3rd of last month; the invoice address was also wrong but that's a separate matter I can sort out later.\n\n",
  "Hi,\n\nFollowing up from my message last week (ref {o}). Your delivery driver was friendly and the box arrived on time, thanks for that.\n\nAnyway, the reason I'm writing:\n\n",
];
const EN_AFTER = [
  "\n\nI'd appreciate a reply when you can.\n\nKind regards,\nJ. Marsh\nFlat 4, 12 Albion Road\nSent from my iPhone\n\n-----Original Message-----\nFrom: Customer Care <care@example.com>\nSubject: Your enquiry {o}\n\n> Dear customer, thank you for contacting us. Your ticket has been logged and a member of our team will respond within 2 working days. Please do not reply to this automated message.\n",
  '\n\nThanks,\nPriya\n\nOn Tue, 3 Nov 2026 at 09:12, Support <support@example.com> wrote:\n> Hi Priya, thanks for reaching out! Could you share your order number and a photo of the product label so we can look into this?\n> Best, the Support Team\n',
];
const ZH_BEFORE = [
  '您好，\n\n我是上个月{o}号订单的客户，发票抬头写错了这个另说，先说正事：\n\n',
  '你好，上周留言过一次（单号{o}），快递小哥态度挺好的，准时送到，这点要表扬。\n\n说回正题：\n\n',
];
const ZH_AFTER = [
  '\n\n麻烦尽快回复，谢谢。\n\n王先生\n139****2211\n\n---------- 原始邮件 ----------\n发件人：客服中心\n主题：关于您的咨询 {o}\n> 尊敬的客户您好，您的问题已记录，我们会在2个工作日内回复您，请勿直接回复此邮件。\n',
  '\n\n谢谢\n陈小姐\n\n在 2026年11月3日 09:12，客服 写道：\n> 您好，请提供订单号和产品铭牌照片，方便我们进一步核实。\n',
];

/** The ticket as the reply of a long email thread; the wrappers and the order number vary with `i`. */
export function wrapAsReply(t: LabelledTicket, i: number): LabelledTicket {
  const zh = (t.locale ?? '').startsWith('zh');
  const order = String(100_000 + ((i * 7_919) % 900_000));
  const fill = (s: string) => s.replaceAll('{o}', order);
  const before = fill((zh ? ZH_BEFORE : EN_BEFORE)[i % 2]);
  const after = fill((zh ? ZH_AFTER : EN_AFTER)[Math.floor(i / 2) % 2]);
  return {
    ...t,
    id: `${t.id}-wrapped`,
    subject: zh ? `Re: 订单 ${order}` : `Re: order ${order}`,
    description: `${before}${t.description}${after}`,
  };
}
