#!/usr/bin/env python3
"""Write a synthetic bilingual content tree of N checks for benchmarks.

    python bench/make_corpus.py N OUT_DIR [--seed S]

The tree follows the content contract (/work/shared/CONTENT.md, docs/content.md):
site.yaml, and checks/check-0001/ ... with claims.yaml, article.hi.md and
article.en.md. Articles run to about 1,000 words in each language and are
composed from hand-written sentence templates that exist as Hindi/English
pairs, so the English article is a faithful translation of the Hindi one.
Each check has 8 claims whose quotes are whole sentences of its articles, in
article order. Output is byte-identical for the same N and seed, and check i
is the same whatever N is (a corpus of 200 is the first 200 checks of 1,000).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CLAIMS_PER_CHECK = 8
WORDS_PER_ARTICLE = 1000  # English words; the Hindi translation runs a little longer

# --- slot values: (hi, en) pairs; all names are made up ---------------------

PEOPLE = [
    ("सुनीता शर्मा", "Sunita Sharma"), ("राजेश कुमार", "Rajesh Kumar"), ("अनिल वर्मा", "Anil Verma"),
    ("प्रिया सिंह", "Priya Singh"), ("मोहम्मद आरिफ़", "Mohammad Arif"), ("कविता यादव", "Kavita Yadav"),
    ("विकास मिश्रा", "Vikas Mishra"), ("अंजलि गुप्ता", "Anjali Gupta"), ("हरप्रीत कौर", "Harpreet Kaur"),
    ("संजय पटेल", "Sanjay Patel"), ("नेहा जोशी", "Neha Joshi"), ("रमेश चौधरी", "Ramesh Chaudhary"),
    ("फ़ातिमा ख़ान", "Fatima Khan"), ("दीपक तिवारी", "Deepak Tiwari"), ("मीना कुमारी", "Meena Kumari"),
    ("अरुण नायर", "Arun Nair"), ("सलमा बेगम", "Salma Begum"), ("गोपाल दास", "Gopal Das"),
]
PLACES = [
    ("लखनऊ", "Lucknow"), ("पटना", "Patna"), ("जयपुर", "Jaipur"), ("भोपाल", "Bhopal"), ("इंदौर", "Indore"),
    ("वाराणसी", "Varanasi"), ("कानपुर", "Kanpur"), ("रांची", "Ranchi"), ("देहरादून", "Dehradun"),
    ("शिमला", "Shimla"), ("रायपुर", "Raipur"), ("आगरा", "Agra"), ("प्रयागराज", "Prayagraj"),
    ("गोरखपुर", "Gorakhpur"), ("अजमेर", "Ajmer"), ("ग्वालियर", "Gwalior"), ("मेरठ", "Meerut"),
    ("उदयपुर", "Udaipur"), ("जबलपुर", "Jabalpur"), ("दरभंगा", "Darbhanga"),
]
ORGS = [
    ("सहयोग फ़ाउंडेशन", "Sahyog Foundation"), ("जन सूचना केंद्र", "Jan Suchna Kendra"),
    ("प्रकाश रिसर्च", "Prakash Research"), ("दिशा डेटा लैब", "Disha Data Lab"),
    ("प्रगति ट्रस्ट", "Pragati Trust"), ("निर्मल एनालिटिक्स", "Nirmal Analytics"),
    ("आरोग्य वॉच", "Aarogya Watch"), ("शिक्षा संधान", "Shiksha Sandhan"),
    ("ग्राम विकास मंच", "Gram Vikas Manch"), ("लोक नीति समूह", "Lok Niti Samooh"),
]
SCHEMES = [
    ("ग्राम सड़क मिशन", "Gram Sadak Mission"), ("स्वस्थ परिवार योजना", "Swasth Parivar Yojana"),
    ("शिक्षा सेतु अभियान", "Shiksha Setu Abhiyan"), ("वृद्ध सम्मान पेंशन योजना", "Vridh Samman Pension Yojana"),
    ("हरित गाँव मिशन", "Harit Gaon Mission"), ("नई दिशा योजना", "Nai Disha Yojana"),
    ("जल धारा अभियान", "Jal Dhara Abhiyan"), ("किसान संबल योजना", "Kisan Sambal Yojana"),
]
MONTHS = [
    ("जनवरी", "January"), ("फ़रवरी", "February"), ("मार्च", "March"), ("अप्रैल", "April"), ("मई", "May"),
    ("जून", "June"), ("जुलाई", "July"), ("अगस्त", "August"), ("सितंबर", "September"), ("अक्टूबर", "October"),
    ("नवंबर", "November"), ("दिसंबर", "December"),
]
TOPICS = [  # Hindi with its genitive, which agrees with the topic: "<place> के स्कूलों पर"
    ("के स्कूलों", "schools"), ("के अस्पतालों", "hospitals"), ("की सड़कों", "roads"), ("के रोज़गार", "jobs"),
    ("के बजट", "budget"), ("की खेती", "farming"), ("की जल आपूर्ति", "water supply"), ("की बिजली", "electricity"),
]
OUTLETS = ["Dainik Samvad", "Khabar Ek", "Nagar Times", "Janpath Live", "Pradesh Darpan", "Aaj Ki Baat"]

# --- sentence templates: (key, hi, en, myth hi, myth en) ---------------------
# A slot such as {n} takes one value for both languages. Keys become claim ids.

FACTS = [
    ("schools", "{year} में {place} में {few} नए सरकारी स्कूल खोले गए, लेकिन उनमें से केवल {pct} प्रतिशत में ही चालू शौचालय है।",
     "In {year}, {place} opened {few} new government schools, but only {pct} per cent of them have a working toilet.",
     "{place} में {year} में {few} नए सरकारी स्कूल खुले।", "{place} opened {few} new government schools in {year}."),
    ("hospital-beds", "{org} के अनुसार {year} से {year2} के बीच {place} में अस्पताल के बिस्तरों की संख्या {pct} प्रतिशत बढ़ी।",
     "According to {org}, the number of hospital beds in {place} rose by {pct} per cent between {year} and {year2}.",
     "कुछ ही वर्षों में {place} में अस्पताल के बिस्तर {pct}% बढ़ गए।", "Hospital beds in {place} grew by {pct}% in a few years."),
    ("jobs", "{place} में एक रैली को संबोधित करते हुए {person} ने कहा कि राज्य ने केवल पिछले एक साल में {n} नौकरियाँ पैदा कीं।",
     "Speaking at a rally in {place}, {person} said that the state had created {n} jobs in the past year alone.",
     "राज्य ने एक ही साल में {n} नौकरियाँ पैदा कीं।", "The state created {n} jobs in a single year."),
    ("budget", "{year} के बजट में {scheme} को {amt} मिले, जो इसके इतिहास का सबसे बड़ा आवंटन है।",
     "The {scheme} received {amt} in the {year} budget, the largest allocation in its history.",
     "{scheme} को अब तक का सबसे बड़ा आवंटन, {amt}, मिला।", "The {scheme} got its biggest ever allocation, {amt}."),
    ("wheat", "इस सीज़न {place} के किसानों ने {n} टन गेहूँ की कटाई की, जो पिछले साल से {pct} प्रतिशत अधिक है।",
     "Farmers in {place} harvested {n} tonnes of wheat this season, {pct} per cent more than last year.",
     "इस सीज़न {place} में गेहूँ की पैदावार {pct}% उछल गई।", "Wheat output in {place} jumped {pct}% this season."),
    ("free-power", "सोशल मीडिया पर बड़े पैमाने पर साझा किए जा रहे एक वीडियो में दावा किया गया है कि {person} ने {place} के हर घर के लिए मुफ़्त बिजली की घोषणा की।",
     "A video shared widely on social media claims that {person} announced free electricity for every household in {place}.",
     "{person} ने {place} के हर घर को मुफ़्त बिजली देने का वादा किया।", "{person} promised free electricity to every home in {place}."),
    ("literacy", "{place} में साक्षरता दर अब {pct} प्रतिशत है, जो राज्य के किसी भी अन्य ज़िले से अधिक है।",
     "The literacy rate in {place} now stands at {pct} per cent, higher than in any other district of the state.",
     "{place} की साक्षरता दर राज्य में सबसे ऊँची है।", "{place} has the highest literacy rate in the state."),
    ("rural-roads", "अधिकारियों ने पत्रकारों को बताया कि {year} में {scheme} के तहत {few} किलोमीटर ग्रामीण सड़कें बनाई गईं।",
     "Officials told reporters that {few} kilometres of rural roads were built under the {scheme} in {year}.",
     "{year} में {few} किलोमीटर ग्रामीण सड़कें बनीं।", "{few} km of rural roads were built in {year}."),
    ("firewood", "{org} के एक सर्वेक्षण में पाया गया कि {place} के {pct} प्रतिशत घरों में अब भी लकड़ी पर खाना पकता है।",
     "A survey by {org} found that {pct} per cent of households in {place} still cook with firewood.",
     "{place} के {pct}% घर अब भी लकड़ी पर खाना पकाते हैं।", "{pct}% of homes in {place} still cook on firewood."),
    ("onion-price", "{month} में {place} के बाज़ारों में प्याज़ का भाव ₹{kilo} प्रति किलो तक पहुँच गया, जो {k} साल में सबसे ऊँचा है।",
     "The price of onions in {place} markets climbed to ₹{kilo} a kilogram in {month}, the highest in {k} years.",
     "{place} में प्याज़ ₹{kilo} किलो बिका, जो {k} साल का सबसे ऊँचा भाव है।", "Onions cost ₹{kilo} a kilo in {place}, a {k}-year high."),
    ("measles", "{month} के अंत तक {place} में {n} बच्चों को खसरे के टीके की दोनों ख़ुराकें मिल चुकी थीं।",
     "By the end of {month}, {n} children in {place} had received both doses of the measles vaccine.",
     "{place} में {n} बच्चों को खसरे का पूरा टीका लग चुका है।", "{n} children in {place} are fully vaccinated against measles."),
    ("graduates", "[{org}]({url}) द्वारा {month} {year} में जारी रिपोर्ट के अनुसार स्नातकों में बेरोज़गारी घटकर {pct} प्रतिशत रह गई।",
     "The report, released by [{org}]({url}) in {month} {year}, says unemployment among graduates fell to {pct} per cent.",
     "स्नातकों में बेरोज़गारी घटकर {pct}% रह गई।", "Unemployment among graduates fell to {pct}%."),
    ("rainfall", "{month} में {place} में {mm} मिलीमीटर बारिश हुई, जो इस महीने की सामान्य बारिश से लगभग दोगुनी है।",
     "{place} received {mm} millimetres of rain in {month}, nearly double the usual amount for the month.",
     "{place} में {month} में सामान्य से दोगुनी बारिश हुई।", "{place} got double its normal rainfall in {month}."),
    ("old-figures", "{org} के एक प्रवक्ता ने हमें बताया कि पोस्ट में दिए गए आँकड़े कम से कम {k} साल पुराने हैं।",
     "A spokesperson for {org} told us that the figures quoted in the post were at least {k} years old.",
     "पोस्ट में दिए गए आँकड़े ताज़ा हैं।", "The figures in the post are current."),
    ("e-buses", "परिवहन विभाग के अनुसार {year} में {place} शहर ने अपने बेड़े में {k2} इलेक्ट्रिक बसें जोड़ीं।",
     "The city of {place} added {k2} electric buses to its fleet in {year}, according to the transport department.",
     "{place} ने {year} में {k2} इलेक्ट्रिक बसें जोड़ीं।", "{place} added {k2} electric buses in {year}."),
    ("toilets", "ज़िला प्रशासन का कहना है कि {scheme} के तहत {k} वर्षों में {place} में {n} शौचालय बनाए गए।",
     "Under the {scheme}, {n} toilets were built in {place} over {k} years, the district administration says.",
     "{scheme} के तहत {place} में {n} शौचालय बने।", "{n} toilets were built in {place} under the {scheme}."),
    ("textiles", "{year} में {place} से कपड़ा निर्यात {amt} का रहा, जबकि एक साल पहले यह {amt2} था।",
     "Exports of textiles from {place} were worth {amt} in {year}, up from {amt2} a year earlier.",
     "{year} में {place} का कपड़ा निर्यात {amt} तक पहुँचा।", "Textile exports from {place} reached {amt} in {year}."),
    ("flood-photo", "बाढ़ में डूबे रेलवे स्टेशन को दिखाने वाली यह तस्वीर असल में {year} में {place} में ली गई थी।",
     "The photograph, which shows a flooded railway station, was in fact taken in {place} in {year}.",
     "यह तस्वीर इसी साल की बाढ़ की है।", "The photo shows this year's floods."),
    ("cyber-fraud", "पिछले साल {place} पुलिस ने साइबर धोखाधड़ी के {few} मामले दर्ज किए, जो उससे पिछले साल से {pct} प्रतिशत अधिक हैं।",
     "Police in {place} registered {few} cases of cyber fraud last year, {pct} per cent more than the year before.",
     "पिछले साल {place} में साइबर धोखाधड़ी के मामले {pct}% बढ़े।", "Cyber fraud cases in {place} rose {pct}% last year."),
    ("doctors", "{org} के अनुसार {place} में हर {ratio} लोगों पर एक सरकारी डॉक्टर है।",
     "There is one government doctor for every {ratio} people in {place}, according to {org}.",
     "{place} में {ratio} लोगों पर सिर्फ़ एक सरकारी डॉक्टर है।", "{place} has one government doctor per {ratio} people."),
    ("factories", "एक स्थानीय अख़बार को दिए साक्षात्कार में {person} ने दावा किया कि {year} के बाद से {place} में एक भी नई फ़ैक्टरी नहीं खुली।",
     "In an interview with a local newspaper, {person} claimed that no new factories had opened in {place} since {year}.",
     "{year} के बाद {place} में कोई नई फ़ैक्टरी नहीं खुली।", "No new factories have opened in {place} since {year}."),
    ("piped-water", "{org} के आँकड़े बताते हैं कि {place} के केवल {pct} प्रतिशत गाँवों में नल से पीने का पानी पहुँचता है।",
     "Only {pct} per cent of villages in {place} have piped drinking water, the data from {org} show.",
     "{place} के सिर्फ़ {pct}% गाँवों में नल का पानी है।", "Just {pct}% of villages in {place} have piped water."),
    ("turnout", "चुनाव आयोग के मुताबिक़ {year} के विधानसभा चुनाव में {place} में {pct} प्रतिशत मतदान हुआ।",
     "Turnout in the {year} assembly election in {place} was {pct} per cent, the election commission reported.",
     "{year} में {place} में {pct}% मतदान हुआ।", "Turnout in {place} was {pct}% in {year}."),
    ("forest", "{year} से {year2} के बीच {place} में वन क्षेत्र {k2} वर्ग किलोमीटर घट गया।",
     "Forest cover in {place} shrank by {k2} square kilometres between {year} and {year2}.",
     "{place} ने {k2} वर्ग किलोमीटर जंगल खो दिया।", "{place} lost {k2} square kilometres of forest."),
    ("pension", "{month} से {scheme} के तहत मासिक पेंशन बढ़ाकर ₹{price} कर दी गई, जिससे {n} लोगों को फ़ायदा हुआ।",
     "The monthly pension under the {scheme} was raised to ₹{price} from {month}, benefiting {n} people.",
     "{scheme} की पेंशन अब ₹{price} महीना है।", "The {scheme} pension is now ₹{price} a month."),
    ("office-closure", "व्हाट्सऐप पर घूम रहे एक संदेश में कहा गया है कि {org} {month} तक {place} के अपने सभी दफ़्तर बंद कर देगा।",
     "A message circulating on WhatsApp says that {org} will close all its offices in {place} by {month}.",
     "{org} {place} के सारे दफ़्तर बंद कर रहा है।", "{org} is shutting every office in {place}."),
    ("metro", "{place} की नई मेट्रो लाइन ने चलने के पहले महीने में {n} यात्रियों को सफ़र कराया।",
     "The new metro line in {place} carried {n} passengers in its first month of operation.",
     "{place} की नई मेट्रो में पहले महीने {n} लोगों ने सफ़र किया।", "{n} people rode the new metro line in {place} in its first month."),
    ("milk", "डेयरी महासंघ का कहना है कि {year} में {place} में दूध का उत्पादन {n} लीटर प्रतिदिन तक पहुँच गया।",
     "Milk production in {place} reached {n} litres a day in {year}, the dairy federation says.",
     "{place} में रोज़ {n} लीटर दूध का उत्पादन होता है।", "{place} produces {n} litres of milk a day."),
    ("population", "पिछली दो जनगणनाओं के बीच {place} की आबादी {pct} प्रतिशत बढ़ी।",
     "The population of {place} grew by {pct} per cent between the last two censuses.",
     "{place} की आबादी {pct}% बढ़ गई।", "The population of {place} grew {pct}%."),
    ("loan-waiver", "{person} ने कहा कि क़र्ज़ माफ़ी से छोटे किसानों का {amt} का क़र्ज़ ख़त्म हो गया।",
     "{person} said the loan waiver had wiped out debts worth {amt} for small farmers.",
     "क़र्ज़ माफ़ी से किसानों का {amt} का क़र्ज़ माफ़ हुआ।", "The loan waiver wrote off {amt} of farmers' debt."),
    ("dropout", "{place} के माध्यमिक स्कूलों में लड़कियों की पढ़ाई छोड़ने की दर {pct} प्रतिशत से घटकर {pct2} प्रतिशत हो गई।",
     "The dropout rate for girls in secondary schools in {place} fell from {pct} per cent to {pct2} per cent.",
     "{place} में लड़कियों की ड्रॉपआउट दर घटकर {pct2}% रह गई।", "The dropout rate for girls in {place} is down to {pct2}%."),
    ("air-quality", "{month} में {k3} दिन {place} में वायु गुणवत्ता सूचकांक 300 से ऊपर रहा, जिसे बहुत ख़राब माना जाता है।",
     "On {k3} days in {month}, the air quality index in {place} was above 300, which is classed as very poor.",
     "{month} में {place} की हवा {k3} दिन बहुत ख़राब रही।", "The air in {place} was very poor on {k3} days in {month}."),
    ("bridge", "{place} के पास नदी पर बना पुल {amt} की लागत से {k} साल में पूरा हुआ।",
     "The bridge over the river near {place} cost {amt} and took {k} years to finish.",
     "{place} के पुल पर {amt} ख़र्च हुए।", "The bridge near {place} cost {amt}."),
    ("internet", "{place} में मोबाइल इंटरनेट उपयोगकर्ताओं की संख्या अब {n} है, जो वयस्क आबादी का लगभग {pct} प्रतिशत है।",
     "Mobile internet users in {place} now number {n}, roughly {pct} per cent of the adult population.",
     "{place} में {n} लोग मोबाइल इंटरनेट चलाते हैं।", "{n} people in {place} use mobile internet."),
    ("court-cases", "{year} के अंत में {place} के उच्च न्यायालय में {n} मामले लंबित थे।",
     "The high court in {place} had {n} cases pending at the end of {year}.",
     "{place} के उच्च न्यायालय में {n} मामले लंबित हैं।", "{n} cases are pending in the high court in {place}."),
    ("tourists", "{year} में {place} में {n} विदेशी पर्यटक आए, जो महामारी से पहले के किसी भी साल से ज़्यादा है।",
     "{place} welcomed {n} foreign tourists in {year}, more than in any year before the pandemic.",
     "{year} में {place} में रिकॉर्ड {n} विदेशी पर्यटक आए।", "A record {n} foreign tourists visited {place} in {year}."),
]

FILLERS = [
    ("यह दावा पहली बार सामने नहीं आया है।", "This is not the first time the claim has appeared."),
    ("हमने {org} से टिप्पणी माँगी, लेकिन प्रकाशन के समय तक कोई जवाब नहीं मिला।",
     "We asked {org} for comment but had not received a reply at the time of publication."),
    ("विशेषज्ञों का कहना है कि तस्वीर आँकड़ों से कहीं ज़्यादा उलझी हुई है।",
     "Experts say the picture is more complicated than the numbers suggest."),
    ("{month} से अब तक यह पोस्ट {n} से ज़्यादा बार साझा की जा चुकी है।",
     "The post has been shared more than {n} times since {month}."),
    ("{place} के जिन निवासियों से हमने बात की, उनकी राय बँटी हुई थी।",
     "Residents of {place} we spoke to gave mixed accounts."),
    ("पहली बार प्रकाशित होने के बाद से इन आँकड़ों में दो बार संशोधन हो चुका है।",
     "The numbers have been revised twice since they were first published."),
    ("{org} में अर्थशास्त्री {person} ने कहा कि यह तुलना उचित नहीं है।",
     "{person}, an economist at {org}, said the comparison was not a fair one."),
    ("यह देखना ज़रूरी है कि ये आँकड़े कैसे जुटाए गए।", "It is worth looking at how these figures were collected."),
    ("यही दावा {year} के चुनाव प्रचार के दौरान भी किया गया था।", "The same claim was made during the {year} campaign."),
    ("इनमें से कुछ बदलाव {year} से काफ़ी पहले शुरू हो चुके थे।", "Some of these changes began well before {year}."),
    ("स्थानीय अधिकारी यह नहीं बता सके कि इनमें से कितनी परियोजनाएँ पूरी हो चुकी हैं।",
     "Local officials could not say how many of the projects were complete."),
    ("{place} के आँकड़े हर तिमाही प्रकाशित होते हैं।", "The figures for {place} are published every quarter."),
    ("{person} के मुताबिक़ असली सवाल यह है कि इन योजनाओं का फ़ायदा किसे मिला।",
     "According to {person}, the real question is who benefited from these schemes."),
    ("पूरे आँकड़े [{org} की वेबसाइट]({url}) पर उपलब्ध हैं।", "The full data are available on the [website of {org}]({url})."),
    ("हमने इनकी तुलना [{year} की ज़िला सांख्यिकी पुस्तिका]({url}) से की।",
     "We compared these with the [district statistical handbook for {year}]({url})."),
    ("*ध्यान देने की बात* यह है कि दोनों आँकड़े अलग-अलग वर्षों के हैं।",
     "*The point to note* is that the two figures are from different years."),
]
HEADINGS = [
    ("आँकड़े क्या कहते हैं", "What the data show"), ("पृष्ठभूमि", "The background"),
    ("अधिकारियों का क्या कहना है", "What officials say"), ("ज़मीनी हालात", "On the ground"),
    ("पुराने आँकड़े, नए दावे", "Old figures, new claims"),
]
LIST_INTRO = ("ज़िलेवार आँकड़े इस प्रकार हैं:", "The district-wise figures are:")
LIST_ITEM = ("{place}: {n} परिवार", "{place}: {n} households")
ARTICLE_TITLES = [
    ("{place}: बड़े वादों और बड़े आँकड़ों का एक साल", "{place}: a year of big promises and bigger numbers"),
    ("{place} में विकास की असली तस्वीर", "The real picture of development in {place}"),
    ("{person} का दावा: {place} बदल गया है", "{person} says {place} has changed"),
    ("{year} के बाद {place}: आँकड़ों की ज़ुबानी", "{place} since {year}, in numbers"),
]
CHECK_TITLES = [
    ("{place} {topic} पर आठ दावों की जाँच", "Eight claims about {topic} in {place}, checked"),
    ("फ़ैक्ट चेक: {place} {topic} पर वायरल लेख में पुराने और नए आँकड़े गड्डमड्ड",
     "Fact check: a viral article on {topic} in {place} mixes old and new figures"),
    ("{place} पर {person} के दावे, एक-एक करके जाँचे गए", "What {person} said about {place}, checked claim by claim"),
]
SUMMARIES = [
    ("लेख कुछ आँकड़े सही बताता है, लेकिन उसके कई आँकड़े पुराने हैं या बेनाम स्रोतों से लिए गए हैं।",
     "The article gets some numbers right, but several of its figures are out of date or come from unnamed sources."),
    ("सबसे बड़ी समस्या एक तुलना है जो एक साल के आँकड़े को कई सालों के कुल योग के सामने रखती है।",
     "The biggest problem is a comparison that sets a one-year figure against a multi-year total."),
    ("हमने {org} से मूल आँकड़े माँगे; *ज़िलेवार* आँकड़ों के लिंक नीचे दिए गए हैं।",
     "We asked {org} for the underlying data; the *district-wise* figures are linked below."),
]
TALLY = ("इसके आठ दावों में से {good} को हमने सही या अधिकांशतः सही पाया।",
         "Of its eight claims, we rated {good} true or mostly true.")
REALITIES = [
    ("{org} के आधिकारिक आँकड़ों में यह संख्या **{n}** है, न कि वह जो लेख में दी गई है।",
     "Official data from {org} put the figure at **{n}**, not the number given in the article."),
    ("उद्धृत आँकड़ा {year} का है; {month} {year2} में प्रकाशित ताज़ा अनुमान इससे कम है।",
     "The figure quoted is from {year}; the latest estimate, published in {month} {year2}, is lower."),
    ("लेख यह नहीं बताता कि {year} में योजना का लक्ष्य बदला गया था।",
     "The article leaves out that the scheme's target was revised in {year}."),
    ("[{org} की वार्षिक रिपोर्ट]({url}) में भी यही संख्या है।",
     "The [annual report of {org}]({url}) gives the same number."),
    ("हमें सरकारी राजपत्र या प्रेस विज्ञप्तियों में इस घोषणा का कोई रिकॉर्ड नहीं मिला।",
     "We found no record of this announcement in the official gazette or in press releases."),
    ("यह तुलना एक साल के आँकड़े को पाँच साल के कुल योग से मिला देती है।",
     "The comparison mixes a one-year figure with a five-year total."),
    ("{org} के स्वतंत्र अनुमान {pct2} से {pct} प्रतिशत के बीच हैं।",
     "Independent estimates by {org} range from {pct2} to {pct} per cent."),
    ("ज़िला प्रशासन ने {day} {month} को फ़ोन पर हमें इस संख्या की पुष्टि की।",
     "The district administration confirmed the number to us by phone on {day} {month}."),
    ("*अस्थायी* आँकड़े बदल सकते हैं, और इस सेट में पहले भी संशोधन हो चुका है।",
     "*Provisional* data can change, and this set has been revised before."),
    ("मूल सर्वेक्षण के आँकड़ों के बिना इस दावे को किसी भी तरह परखा नहीं जा सकता।",
     "Without the underlying survey data, the claim cannot be checked either way."),
]
NOTES = [
    ("अंग्रेज़ी अनुवाद में संख्या को पूर्णांक में बदल दिया गया है; हिंदी मूल में यह सटीक दी गई है।",
     "The English translation rounds the number; the Hindi original gives it exactly."),
    ("लेख इस आँकड़े का स्रोत नहीं बताता।", "The article does not name its source for this figure."),
    ("एक करोड़ में सौ लाख होते हैं; एक लाख में सौ हज़ार।", "A *crore* is ten million; a *lakh* is one hundred thousand."),
    ("यही आँकड़ा {org} की {year} की एक प्रेस विज्ञप्ति में भी है।", "The same figure appears in a {year} press release by {org}."),
]
FIGURE_LABELS = [
    ("लेख में बताया गया ख़र्च", "Spending given in the article"),
    ("सरकारी खातों में दर्ज ख़र्च", "Spending in the official accounts"),
    ("{org} का अनुमान", "Estimate by {org}"),
]
SOURCE_TITLES = [
    "{org}: annual report {year}", "District statistical handbook {year}", "Economic survey {year}, chapter {k}",
    "Press release: figures for {place}, {month} {year}", "{org} data portal: {place}",
]
CORRECTION = ("पहले संस्करण में एक आँकड़े का वर्ष ग़लत था; हमने उसे सुधार दिया है।",
              "An earlier version gave the wrong year for one figure; we have corrected it.")
VERDICTS = ["true", "mostly-true", "misleading", "false", "unverified"]
VERDICT_WEIGHTS = [2, 2, 3, 3, 1]

PAIRS = {"person": PEOPLE, "place": PLACES, "org": ORGS, "scheme": SCHEMES, "month": MONTHS, "topic": TOPICS}
NUMBERS = {  # slot: randrange(low, high) * step
    "n": (120, 95000, 10), "few": (40, 4000, 1), "ratio": (800, 12000, 1), "price": (50, 300, 10),
    "kilo": (30, 250, 1), "k": (2, 12, 1), "k2": (20, 600, 1), "k3": (3, 26, 1), "mm": (40, 900, 1), "day": (1, 29, 1),
}
SLOTS = [*PAIRS, "year", "year2", "pct", "pct2", "amt", "amt2", "url", *NUMBERS]
LOUD = ("n", "few", "pct", "amt", "price", "k2", "mm")  # slots that may be set in *emphasis*
SLOT_RE = re.compile(r"\{(\w+)\}")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPH_RE = re.compile(r"\*+([^*]+)\*+")


def group_indian(n: int) -> str:
    """12,34,567: the Indian digit grouping Hindi papers print."""
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    parts = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *parts, tail])


def plain(md: str) -> str:
    """The visible text of a sentence's inline Markdown."""
    if "*" not in md and "[" not in md:
        return md
    return EMPH_RE.sub(r"\1", LINK_RE.sub(r"\1", md))


class Filler:
    """Draws slot values from one seeded generator and fills paired templates."""

    def __init__(self, rng: random.Random, slug: str):
        self.rng = rng
        self.slug = slug
        self.links = 0

    def values(self, names=None) -> dict[str, tuple[str, str]]:
        """Fresh (hi, en) values for the named slots (default: all)."""
        vals: dict[str, tuple[str, str]] = {}
        for name in names if names is not None else SLOTS:
            if name not in vals:
                vals.update(self.draw(name))
        return vals

    def draw(self, name: str) -> dict[str, tuple[str, str]]:
        """One slot's value, or a linked pair of slots (year and year2; pct2 below pct)."""
        r = self.rng
        if name in PAIRS:
            return {name: r.choice(PAIRS[name])}
        if name in ("year", "year2"):
            year = r.randrange(2012, 2024)
            return {"year": (str(year),) * 2, "year2": (str(min(year + r.randrange(2, 6), 2024)),) * 2}
        if name in ("pct", "pct2"):
            pct, pct2 = sorted((round(r.uniform(3, 94), 1), round(r.uniform(3, 94), 1)), reverse=True)
            return {"pct": (f"{pct:g}",) * 2, "pct2": (f"{pct2:g}",) * 2}
        if name in ("amt", "amt2"):
            crore = r.randrange(30, 9000)
            return {name: (f"₹{group_indian(crore)} करोड़", f"₹{crore:,} crore")}
        if name == "url":
            self.links += 1
            host = "example.org" if self.links % 2 else "example.com"
            return {name: (f"https://{host}/{self.slug}/data-{self.links}",) * 2}
        low, high, step = NUMBERS[name]
        value = r.randrange(low, high) * step
        return {name: (group_indian(value), f"{value:,}")}

    def fill(self, pair: tuple[str, str], emphasis: float = 0.0, vals=None) -> tuple[str, str]:
        """Both languages of a template, with the same values; sometimes one number in *emphasis*."""
        slots = SLOT_RE.findall(pair[1])
        vals = vals if vals is not None else self.values(slots)
        loud = None
        if emphasis:
            numeric = [s for s in slots if s in LOUD]
            if numeric and self.rng.random() < emphasis:
                loud = self.rng.choice(numeric)

        def sub(lang: int):
            return lambda m: f"*{vals[m[1]][lang]}*" if m[1] == loud else vals[m[1]][lang]

        return SLOT_RE.sub(sub(0), pair[0]), SLOT_RE.sub(sub(1), pair[1])


@dataclass
class Sentence:
    hi: str  # Markdown
    en: str
    key: str | None  # the fact template's key; None for fillers
    myth: tuple[str, str] | None


def compose_article(filler: Filler) -> list[list[Sentence] | tuple[str, str]]:
    """Blocks of an article: paragraphs (lists of sentences) and ready-made (hi, en) Markdown blocks."""
    r = filler.rng
    deck: list[tuple] = []
    fillers: list[tuple[str, str]] = []
    blocks: list = []
    words = 0
    listed = r.random() < 0.5
    while words < WORDS_PER_ARTICLE:
        if blocks and r.random() < 0.12:
            blocks.append(tuple("## " + h for h in r.choice(HEADINGS)))
        paragraph = []
        for _ in range(r.randrange(3, 7)):
            if r.random() < 0.65:
                if not deck:
                    deck = FACTS[:]
                    r.shuffle(deck)
                key, hi, en, myth_hi, myth_en = deck.pop()
                vals = filler.values(SLOT_RE.findall(en))  # the myth repeats the sentence's own values
                s_hi, s_en = filler.fill((hi, en), emphasis=0.15, vals=vals)
                m_hi, m_en = filler.fill((myth_hi, myth_en), vals=vals)
                paragraph.append(Sentence(s_hi, s_en, key, (m_hi, m_en)))
            else:
                if not fillers:
                    fillers = FILLERS[:]
                    r.shuffle(fillers)
                s_hi, s_en = filler.fill(fillers.pop())
                paragraph.append(Sentence(s_hi, s_en, None, None))
        blocks.append(paragraph)
        words += sum(len(plain(s.en).split()) for s in paragraph)
        if listed and len(blocks) > 3:
            listed = False
            items = [filler.fill(LIST_ITEM) for _ in range(r.randrange(3, 6))]
            blocks.append(LIST_INTRO)
            blocks.append(tuple("\n".join(f"- {item[i]}" for item in items) for i in (0, 1)))
    return blocks


def article_text(blocks: list, lang: int, title: str) -> str:
    """article.<lang>.md: front matter, then the blocks separated by blank lines."""
    parts = []
    for block in blocks:
        if isinstance(block, tuple):
            parts.append(block[lang])
        else:
            parts.append(" ".join(s.en if lang else s.hi for s in block))
    return f"---\ntitle: {q(title)}\n---\n\n" + "\n\n".join(parts) + "\n"


def pick_quotes(blocks: list, rng: random.Random) -> list[Sentence]:
    """CLAIMS_PER_CHECK fact sentences, each occurring once in both articles, in article order."""
    sentences = [s for b in blocks if isinstance(b, list) for s in b]
    texts = [" ".join(plain(b[i]) if isinstance(b, tuple) else " ".join(plain(s.en if i else s.hi) for s in b)
                      for b in blocks) for i in (0, 1)]
    unique = [i for i, s in enumerate(sentences) if s.key and all(
        texts[lang].count(plain(text)) == 1 for lang, text in enumerate((s.hi, s.en)))]
    if len(unique) < CLAIMS_PER_CHECK:
        raise RuntimeError("article too short for its claims; raise WORDS_PER_ARTICLE")
    return [sentences[i] for i in sorted(rng.sample(unique, CLAIMS_PER_CHECK))]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def folded(text: str, indent: str) -> str:
    """A YAML folded block scalar wrapped at 78 columns."""
    width, lines, line = 78 - len(indent), [], ""
    for word in text.split(" "):  # greedy, at spaces only (textwrap is slow at this volume)
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(indent + line for line in lines)


def localized(key: str, pair: tuple[str, str], indent: str, block: bool = False) -> str:
    """A localised field, hi then en."""
    inner = indent + "  "
    values = [folded(v, inner + "  ") if block else q(v) for v in pair]
    return f"{indent}{key}:\n{inner}hi: {values[0]}\n{inner}en: {values[1]}\n"


def iso(rng: random.Random, start: int, span: int) -> str:
    """A date `start` days after 2023-01-01 plus up to `span` more."""
    return (date(2023, 1, 1) + timedelta(days=start + rng.randrange(span))).isoformat()


def claim_yaml(j: int, sentence: Sentence, filler: Filler) -> tuple[str, str]:
    """One claim's YAML and its verdict."""
    r = filler.rng
    verdict = r.choices(VERDICTS, VERDICT_WEIGHTS)[0]
    reality = [filler.fill(p, emphasis=0.1) for p in r.sample(REALITIES, r.randrange(2, 5))]
    out = [f"  - id: {sentence.key}-{j + 1}\n    verdict: {q(verdict)}\n"]
    out.append(localized("claim", sentence.myth, "    "))
    out.append(localized("quote", (plain(sentence.hi), plain(sentence.en)), "    "))
    out.append(localized("reality", tuple(" ".join(p[i] for p in reality) for i in (0, 1)), "    ", block=True))
    out.append("    sources:\n")
    for _ in range(r.randrange(1, 4)):
        title = filler.fill((r.choice(SOURCE_TITLES),) * 2)[1]
        vals = filler.values(["url", "org"])
        out.append(f"      - title: {q(title)}\n        url: {vals['url'][1]}\n")
        if r.random() < 0.7:
            out.append(f"        publisher: {q(vals['org'][1])}\n        date: {iso(r, -3000, 3000)}\n")
        if r.random() < 0.2:
            out.append(f"        archive_url: https://archive.example.org/web/{vals['url'][1][8:]}\n")
    if r.random() < 0.25:
        out.append(localized("note", filler.fill(r.choice(NOTES)), "    ", block=True))
    if r.random() < 0.3:
        out.append("    figures:\n")
        for label in r.sample(FIGURE_LABELS, 2):
            hi, en = filler.fill(label)
            out.append(f"      - label:\n          hi: {q(hi)}\n          en: {q(en)}\n")
            out.append(f"        value: {r.randrange(2, 900) * 100_000}\n        unit: USD\n")
    return "".join(out), verdict


def make_check(seed: int, index: int, slug: str) -> dict[str, str]:
    """The three files of one check folder, by name."""
    rng = random.Random(f"tathya-bench:{seed}:{index}")
    filler = Filler(rng, slug)
    blocks = compose_article(filler)
    quotes = pick_quotes(blocks, rng)
    art_title = filler.fill(rng.choice(ARTICLE_TITLES))
    claims, verdicts = [], []
    for j, sentence in enumerate(quotes):
        text, verdict = claim_yaml(j, sentence, filler)
        claims.append(text)
        verdicts.append(verdict)
    good = str(sum(v in ("true", "mostly-true") for v in verdicts))
    summary = [filler.fill(p) for p in rng.sample(SUMMARIES, 2)] + [(TALLY[0].format(good=good), TALLY[1].format(good=good))]
    published = iso(rng, 0, 1000)
    head = [f"# Synthetic benchmark check {index} (bench/make_corpus.py, seed {seed}).\n\n"]
    head.append(localized("title", filler.fill(rng.choice(CHECK_TITLES)), ""))
    head.append(localized("summary", tuple(" ".join(p[i] for p in summary) for i in (0, 1)), "", block=True))
    head.append(f"published: {published}\n")
    corrected = rng.random() < 0.1
    if corrected:
        updated = iso(rng, 1000, 60)
        head.append(f"updated: {updated}\n")
    head.append(f"source:\n  title: {q(plain(art_title[0]))}\n  publisher: {q(rng.choice(OUTLETS))}\n"
                f"  date: {iso(rng, -400, 400)}\n  url: https://example.com/news/{slug}.html\n  language: hi\n")
    head.append("claims:\n")
    tail = ""
    if corrected:
        tail = f"corrections:\n  - date: {updated}\n" + localized("text", CORRECTION, "    ")
    tail += f"topics: [{', '.join(sorted(rng.sample(TOPIC_IDS, rng.choice((1, 1, 2)))))}]\n"  # last: no draw above moves
    return {
        "claims.yaml": "".join(head) + "".join(claims) + tail,
        "article.hi.md": article_text(blocks, 0, plain(art_title[0])),
        "article.en.md": article_text(blocks, 1, plain(art_title[1])),
    }


SITE_YAML = """\
# Synthetic benchmark site (bench/make_corpus.py, seed {seed}, {n} checks).
languages: [hi, en]

title:
  hi: "तथ्य बेंचमार्क डेस्क"
  en: "tathya benchmark desk"

description:
  hi: "प्रदर्शन मापने के लिए बनाई गई काल्पनिक जाँचें; इनके नाम और आँकड़े गढ़े हुए हैं।"
  en: "Made-up fact-checks for measuring build performance; their names and figures are invented."

base_url: https://example.org/bench/

publisher:
  name:
    hi: "तथ्य बेंचमार्क डेस्क"
    en: "tathya benchmark desk"
  url: https://example.org/
"""


TOPIC_IDS = [en.replace(" ", "-") for _, en in TOPICS]
TOPIC_LABELS = {"schools": "स्कूल", "hospitals": "अस्पताल", "roads": "सड़कें", "jobs": "रोज़गार", "budget": "बजट",
                "farming": "खेती", "water-supply": "जल आपूर्ति", "electricity": "बिजली"}


def topics_yaml() -> str:
    """site.yaml's topics: the subjects of the sentence templates, one or two to a check."""
    return "\ntopics:\n" + "".join(f"  - id: {tid}\n    label: {{hi: {q(TOPIC_LABELS[tid])}, en: {q(tid.replace('-', ' ').capitalize())}}}\n"
                                   for tid in TOPIC_IDS)


def write_corpus(n: int, out: Path, seed: int = 1) -> int:
    """Write the tree; return the number of English article words."""
    if out.exists() and any(out.iterdir()) and not (out / "site.yaml").is_file():
        raise SystemExit(f"{out} is not empty and holds no site.yaml; refusing to write a corpus into it")
    if (out / "checks").exists():
        shutil.rmtree(out / "checks")
    out.mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text(SITE_YAML.format(seed=seed, n=n) + topics_yaml(), encoding="utf-8")
    width = max(4, len(str(n)))
    words = 0
    for i in range(1, n + 1):
        slug = f"check-{i:0{width}d}"
        folder = out / "checks" / slug
        folder.mkdir(parents=True)
        for name, text in make_check(seed, i, slug).items():
            (folder / name).write_text(text, encoding="utf-8")
            if name == "article.en.md":
                words += len(text.split())
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic Hindi/English content tree of N checks.")
    parser.add_argument("n", type=int, help="number of checks")
    parser.add_argument("out", type=Path, help="output folder (the content tree)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    start = time.perf_counter()
    words = write_corpus(args.n, args.out, args.seed)
    took = time.perf_counter() - start
    print(f"wrote {args.n} checks ({args.n * CLAIMS_PER_CHECK} claims, {2 * args.n} articles, "
          f"~{words // args.n} English words each) to {args.out} in {took:.2f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
