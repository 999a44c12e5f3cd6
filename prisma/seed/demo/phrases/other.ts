/**
 * Contacts about none of the six products (Product: Other): a shop visit, a job
 * application, a wrong number, a question about the company. They have no
 * issue type or root cause. Placeholders as in problems.ts, plus {mall}
 * (a shopping centre), {elsewhere} (the business the caller meant to reach)
 * and {role} (a job).
 */
import type { SentimentKey } from './conversation';

export interface OtherTopic {
  /** How the customer says what they want. */
  statements: string[];
  /** What they add when asked. */
  details: string[];
  /** What the agent answers: a redirect, an answer, a promise to pass it on. */
  answers: string[];
  /** How people who contact us about this tend to feel. */
  sentiment: Record<SentimentKey, number>;
}

export const MALLS = [
  'Mall of Scandinavia', 'Nordstan', 'Täby Centrum', 'Kista Galleria', 'Emporia', 'Väla', 'Solsiden', 'Sandvika Storsenter',
  'Lagunen', 'Fisketorget', 'Field\'s', 'Bruuns Galleri', 'Rosengårdcentret', 'the centre in {city}', 'the high street in {city}',
];

export const ELSEWHERE = [
  'the pharmacy', 'the bank', 'the tax office', 'the dentist', 'a pizza place', 'the electricity company', 'the taxi',
  'the vet', 'the insurance company', 'the gym', 'the hospital switchboard', 'the school', 'my doctor', 'the car workshop',
  'the post office', 'the council', 'Ikea', 'the train company',
];

export const ROLES = [
  'customer service agent', 'store sales assistant', 'field technician', 'network engineer', 'summer job', 'trainee',
  'part-time job in the shop', 'developer', 'warehouse worker', 'internship',
];

export const OTHER_TOPICS: Record<string, OtherTopic> = {
  'wrong number': {
    statements: [
      'oh sorry, I think I called the wrong number, I was trying to reach {elsewhere}',
      'is this {elsewhere}? no? oh dear',
      'sorry, who is this? I wanted {elsewhere}',
      'I must have dialled wrong, sorry, I was looking for {elsewhere}',
      'hello? I pressed redial and got you, I was calling {elsewhere}',
      'wrong chat sorry, I meant to write to {elsewhere}',
      'oops, this was meant for {elsewhere}',
      'sorry, my {fam} gave me this number, but I need {elsewhere}',
      'I think my phone called you by itself from my pocket, sorry',
      'sorry, the kids were playing with the phone and called you',
    ],
    details: [
      'the numbers look almost the same',
      'I found the number on Google',
      'I have my glasses at home so I cannot see the screen well',
      'it was the first number that came up',
    ],
    answers: [
      "No problem, this is {brand}, you'll need to call {elsewhere} directly.",
      "That happens, this is {brand}. I'm afraid I can't put you through.",
      'No worries at all, good luck reaching them.',
      "This is {brand} customer service, so not quite, but no harm done.",
    ],
    sentiment: { Neutral: 60, Satisfied: 30, Frustrated: 8, Angry: 2 },
  },
  'job application': {
    statements: [
      'I would like to apply for a job with you, as a {role}',
      'I saw that you are hiring, is the {role} position still open',
      'how do I apply for work at Nordtel',
      'I sent my CV for the {role} job {n} weeks ago and never heard anything back',
      'do you have any openings for a {role}? I have experience from retail',
      'I had an interview for the {role} role last week and wonder when I will get an answer',
      'my {fam} is looking for a {role} position, who should they contact',
      'is it possible to do my school internship at your office in {city}',
      'I want to ask about the salary for the {role} job in the advert',
      'where can I send an open application',
    ],
    details: [
      'I speak Swedish, English and Arabic',
      'I have worked {n} years in a call centre before',
      'I finish my studies in {month}',
      'I applied through the careers page',
      'I can start right away',
    ],
    answers: [
      'All our vacancies are on the careers page, you apply directly there.',
      "I can't see the recruitment system from here, but I'll give you the HR team's address.",
      'The recruiter for that role will contact everyone after the deadline.',
      "I'll pass your name on to the recruitment team in {city}.",
    ],
    sentiment: { Neutral: 55, Satisfied: 30, Frustrated: 12, Angry: 3 },
  },
  'shop complaint': {
    statements: [
      'I want to complain about the staff in your shop in {mall}',
      'I was in your store at {mall} today and nobody helped me, I stood there for half an hour',
      'the girl in your shop was really rude to me yesterday',
      'your store in {mall} was closed in the middle of the day without any sign',
      'the queue ticket machine in your shop has been broken for weeks',
      'the shop assistant laughed at my English, it was humiliating',
      'your shop in {city} said they open at ten, I waited and nobody came until half past',
      'I was treated very badly by the manager of the store in {mall}',
      "the shop staff were on their phones and didn't even look at me",
      'it is impossible to get into your store with a wheelchair, the door is too heavy',
      'the salesman in the shop was pushy and would not let me leave',
    ],
    details: [
      'it was {day_name} around {time}',
      'there were three staff and only one was working',
      'I am {n}0 years old and I am not used to being spoken to like that',
      'I did not get his name but he had a beard',
      'my {fam} was with me and saw everything',
    ],
    answers: [
      "I'm sorry to hear that. I'll send your complaint to the store manager today.",
      "That's not how we want anyone to be treated. I've logged it and the store will be contacted.",
      'Thank you for telling us, I am forwarding it to the regional manager.',
      'I apologise on behalf of the store. The manager will call you within two working days.',
    ],
    sentiment: { Angry: 40, Frustrated: 40, Neutral: 17, Satisfied: 3 },
  },
  'shop visit': {
    statements: [
      'what are the opening hours for your shop in {mall}',
      'is there a Nordtel store near {city}',
      'do I need to book a time to visit the store',
      'is the shop in {mall} open on Sunday',
      'where exactly is your store in {mall}, which floor',
      'can I park for free at your store in {city}',
      'is it true that you are closing the store in {city}',
      'do you have a shop in the airport',
      'is your shop in {city} accessible with a wheelchair',
    ],
    details: [
      'I will be in {city} on {day_name}',
      "I don't have a car, I come by bus",
      'my {fam} wants to come with me',
      'I would like to come after work, around {time}',
    ],
    answers: [
      'The store in {mall} is open 10 to 20 on weekdays and 10 to 17 on Saturdays.',
      "You don't need to book, just drop in.",
      'The nearest store is in {city}, on the ground floor next to the entrance.',
      'Yes, there is a lift and the entrance is step-free.',
    ],
    sentiment: { Neutral: 60, Satisfied: 30, Frustrated: 8, Angry: 2 },
  },
  'lost property': {
    statements: [
      'I left my scarf in your shop yesterday, did anyone find it',
      'I think I lost my keys in your store in {mall}',
      'my son forgot his jacket in your shop on {day_name}',
      'did somebody hand in a wallet at your store in {city}',
      'I put my bag down in your shop and walked out without it',
    ],
    details: [
      "it's a blue one, wool",
      'it was around {time}',
      'there is a little red key ring on them',
      'it has my name inside',
    ],
    answers: [
      "I'll give you the store's direct number so you can ask about lost property.",
      "I can't see lost property from here, but the store keeps things for a month.",
      "I'll send a message to the store and they will call you if it turns up.",
    ],
    sentiment: { Neutral: 55, Satisfied: 35, Frustrated: 9, Angry: 1 },
  },
  'company question': {
    statements: [
      'what is the postal address of your head office',
      'who is the CEO of Nordtel these days',
      'is Nordtel a Swedish or Norwegian company',
      'I need your organisation number for a form',
      'where can I find your annual report',
      'when is your next shareholder meeting',
      'do you have an office in {city} I can visit',
      'are you the same company that does electricity and insurance under the Nordtel name',
      'I am a journalist, who can I talk to about a story',
      'what are your customer service opening hours at Christmas',
      'does Nordtel have a climate plan, I am writing a school project',
      'can I write you a letter, what address do I use',
    ],
    details: [
      'it is for a school project',
      'my accountant asked for it',
      'I saw something about it in the news',
      'I need it before {day_name}',
    ],
    answers: [
      "You'll find that on our website under About us.",
      'The address is Box 1200, 171 00 Solna.',
      "I'll send you the link to the press page by email.",
      "I'm not the right person for that, but our communications team can answer.",
    ],
    sentiment: { Neutral: 70, Satisfied: 25, Frustrated: 4, Angry: 1 },
  },
  sponsorship: {
    statements: [
      'our football club is looking for a sponsor, is that something Nordtel does',
      'we are collecting money for the school trip, would you support us',
      'I am organising a charity run in {city} and wonder if you want to be a partner',
      'we are a small theatre group looking for sponsors for the autumn show',
      'our choir needs a sponsor for the concert tour, who decides that',
    ],
    details: [
      'we are {n}0 children in the club',
      'the event is in {month}',
      'we can put your logo on the shirts',
      'all the money goes to the youth section',
    ],
    answers: [
      "Sponsorship requests go through a form on our website, I'll send you the link.",
      "I'll forward your request to the communications team.",
      "That sounds lovely. I can't decide that myself but I'll pass it on.",
    ],
    sentiment: { Neutral: 50, Satisfied: 45, Frustrated: 4, Angry: 1 },
  },
  research: {
    statements: [
      'I am a student and want to interview someone at Nordtel for my thesis',
      'can someone from Nordtel come and talk to the seniors club about scams',
      'would you like to take part in a survey about customer service, it is for my university',
      'my class is doing a project on the telecom industry, can we visit your office',
    ],
    details: [
      'it takes about twenty minutes',
      'it is for my master thesis at the university in {city}',
      'we meet on {day_name} afternoons',
      'we are about {n}0 students',
    ],
    answers: [
      "I'll forward your request to the communications team.",
      "That sounds interesting. I'll send you the address of our press and communications team.",
      "I can't book that myself, but I'll pass it on and someone will get back to you.",
    ],
    sentiment: { Neutral: 55, Satisfied: 42, Frustrated: 2, Angry: 1 },
  },
  'sales pitch': {
    statements: [
      "I'm calling from a recruitment agency, who handles your hiring",
      'we sell cleaning services for offices, who is responsible for facilities at Nordtel',
      'I have an offer on office furniture, can I speak to your purchasing department',
      'we are a marketing agency and would love to show you our work',
      'I would like to sell you advertising space in our local newspaper',
      'hi, I represent a company that makes staff uniforms, who can I talk to',
    ],
    details: [
      'we work with many big companies in {city}',
      'it will only take five minutes',
      'I can send a brochure',
    ],
    answers: [
      "Customer service can't connect you to purchasing, but there's a supplier page on our website.",
      "I'm afraid I can't help with that from here.",
      "You can send information to the general email address, I'll give it to you.",
    ],
    sentiment: { Neutral: 65, Satisfied: 25, Frustrated: 8, Angry: 2 },
  },
  feedback: {
    statements: [
      'I just want to say that your new advert on the bus stops is really ugly',
      'your commercial with the dancing pensioners is offensive',
      'I want to give praise to {agentname} in your shop in {mall}, she was amazing',
      'the music you play while people wait is terrible, please change it',
      'I wanted to say thank you to the nice man in your store who helped my mother',
      'why do you sponsor that football club, I do not like it',
      'your sales people knock on doors too late in the evening',
      'the flyers you put in my mailbox every week, please stop them, I have a no advertising sticker',
    ],
    details: [
      'it was last {day_name}',
      "I'm not even a customer, I just wanted to say it",
      'my neighbours think the same',
    ],
    answers: [
      "Thank you, I'll make sure the feedback reaches the right team.",
      "I'll pass that on, I'm sure they'll be happy to hear it.",
      "Thanks for telling us, I've noted it for the marketing team.",
    ],
    sentiment: { Satisfied: 30, Neutral: 30, Frustrated: 20, Angry: 20 },
  },
};

/** Weights of the topics among Other contacts. */
export const OTHER_TOPIC_WEIGHTS: Record<string, number> = {
  'wrong number': 20, 'job application': 12, 'shop complaint': 16, 'shop visit': 12, 'lost property': 6, 'company question': 14,
  sponsorship: 4, research: 4, 'sales pitch': 6, feedback: 7,
};

/** Replies the customer gives to the agent's answer, by sentiment. */
export const OTHER_REACTIONS: Record<SentimentKey, string[]> = {
  Neutral: ['Okay, thanks.', 'Alright, I will do that.', 'I see, thank you.', 'Ok.', 'Fine, thanks for the information.', 'Ja, okay, tack.'],
  Satisfied: ['Oh, that is very kind, thank you!', 'Great, thanks so much!', 'Perfect, have a nice day!', 'Thank you, you were very helpful.', 'Tusen takk!'],
  Frustrated: ['Okay... I was hoping you could do more.', "Right. So I have to call someone else again.", 'Fine. It is always the same.', 'Sigh, okay.'],
  Angry: ["That's not good enough.", 'I expect someone to call me back today.', 'I will write about this online.', 'Unbelievable. Goodbye.'],
};
