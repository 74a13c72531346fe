"""Hand-written guideline cases the commitment sentence model must not break.

The trainer (``servicemind.training.commitments``) keeps only the settings (C, veto and add
thresholds) under which every case here comes out as written: the spans that
``extract_commitments`` gives with the rules and the candidate model together. They are
guideline examples, not corpus data: the near-miss and promise cases of
tests/test_commitments.py and tests/test_commitment_model.py (offers that wait for a yes,
general statements, device behaviour, statuses, negative promises, bookings, non-English
futures), and examples from training/guidelines/traits.md ("guideline" below; four of its
examples that the rules get wrong today are left out, since the model cannot be asked to
keep them: "Crews are flushing the main now.", "Microsoft expects the service back by
10:30.", "I'll see what I can do.", "Give it five minutes and sending will work again.";
"We'll cancel the cover if the premium isn't paid." joined them with the sanction rule).

Each case is ``(reply, expected span texts in order)``. This is the one list: every
extraction case the two commitment test modules parametrise must be here with the same
spans (tests/test_commitment_cases.py fails otherwise, naming the missing ones). Added when a retrain on w1-w25
picked settings (C 1, add 0.25) under which eight of these flipped ("We will not charge
you twice.", "It'll be waiting for you.", "I'll send you a printed copy if you ask.", ...).
"""

from __future__ import annotations

__all__ = ["GUIDELINE_CASES"]

GUIDELINE_CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # test_commitments_adverbs_and_staff_subjects
    (
        "You'll also get a credit for the missed days.",
        ("You'll also get a credit for the missed days",),
    ),
    (
        "One of our engineers will ring you to arrange it.",
        ("One of our engineers will ring you to arrange it",),
    ),
    ("One of our engineers will need your PIN.", ()),
    # test_commitments_bookings_for_a_future_date
    (
        "I've booked an engineer for Tuesday 26 November, 8am-1pm.",
        ("I've booked an engineer for Tuesday 26 November, 8am-1pm",),
    ),
    ("We've reserved a slot for you on Friday.", ("We've reserved a slot for you on Friday",)),
    (
        "Your pram was found, and it's on tonight's flight to Lisbon.",
        ("it's on tonight's flight to Lisbon",),
    ),
    ("Your cooker is on Saturday's van.", ("Your cooker is on Saturday's van",)),
    ("The parcel is on the van.", ()),
    ("I've booked our free assistance service for you.", ()),
    ("I've held the order.", ()),
    # test_commitments_extracts_promises_with_due
    (
        "Thanks for waiting. I'll call you tomorrow before noon to confirm.",
        ("I'll call you tomorrow before noon to confirm",),
    ),
    (
        "We will refund the full amount within 5 business days.",
        ("We will refund the full amount within 5 business days",),
    ),
    (
        "Let me check with the warehouse and get back to you.",
        ("Let me check with the warehouse and get back to you",),
    ),
    (
        "If you send the photo, I'll replace it right away, and I'll also waive the fee.",
        ("I'll replace it right away", "I'll also waive the fee"),
    ),
    ("Your refund will arrive in 5 days.", ("Your refund will arrive in 5 days",)),
    (
        "Someone from our billing team will contact you by Friday.",
        ("Someone from our billing team will contact you by Friday",),
    ),
    # test_commitments_finds_passive_present_and_non_english_promises
    (
        "Sorry about that. The overcharge of £63.40 will be credited to your account within 3 working days.",
        ("The overcharge of £63.40 will be credited to your account within 3 working days",),
    ),
    (
        "I've raised it as urgent, and a technician will be booked for Thursday.",
        ("a technician will be booked for Thursday",),
    ),
    (
        "An engineer is booked for tomorrow morning.",
        ("An engineer is booked for tomorrow morning",),
    ),
    ("Cancelled. You won't be charged again.", ("You won't be charged again",)),
    (
        "I'm resetting your password now and signing you out of all sessions.",
        ("I'm resetting your password now and signing you out of all sessions",),
    ),
    (
        "We're changing it to off by default next week.",
        ("We're changing it to off by default next week",),
    ),
    (
        "I'm re-running the backup now on a spare server.",
        ("I'm re-running the backup now on a spare server",),
    ),
    ("We're upgrading your line this afternoon.", ("We're upgrading your line this afternoon",)),
    (
        "I'll update it now, and she'll get an updated confirmation by email today.",
        ("I'll update it now", "she'll get an updated confirmation by email today"),
    ),
    (
        "Our vulnerable customers team will call you tomorrow before 1pm.",
        ("Our vulnerable customers team will call you tomorrow before 1pm",),
    ),
    (
        "I'll need to review it with our finance team.",
        ("I'll need to review it with our finance team",),
    ),
    ("Escríbenos con el justificante y te la devolvemos.", ("te la devolvemos",)),
    ("No tiene que enviarla: le mandaremos un mensajero.", ("le mandaremos un mensajero",)),
    (
        "Vamos a recalcular la última factura con este dato.",
        ("Vamos a recalcular la última factura con este dato",),
    ),
    ("Lo verás en tu cuenta en 3 a 5 días hábiles.", ("verás en tu cuenta en 3 a 5 días hábiles",)),
    ("Écrivez-nous et nous le prolongerons.", ("nous le prolongerons",)),
    ("Je vous rembourse les frais de livraison.", ("Je vous rembourse les frais de livraison",)),
    (
        "On vous répond aujourd'hui avec la localisation du colis.",
        ("On vous répond aujourd'hui avec la localisation du colis",),
    ),
    (
        "Dès réception, je demande le remboursement au transporteur.",
        ("je demande le remboursement au transporteur",),
    ),
    (
        "Nous allons corriger la facture aujourd'hui.",
        ("Nous allons corriger la facture aujourd'hui",),
    ),
    ("Die Kosten dafür übernehmen wir.", ("Die Kosten dafür übernehmen wir",)),
    (
        "Wenn es das nicht ist, tauschen wir den Monitor direkt aus.",
        ("tauschen wir den Monitor direkt aus",),
    ),
    ("El importe será reembolsado en 5 días.", ("El importe será reembolsado en 5 días",)),
    ("Le montant sera remboursé sous 3 jours.", ("Le montant sera remboursé sous 3 jours",)),
    (
        "Der Betrag wird Ihnen innerhalb von 5 Tagen erstattet.",
        ("Der Betrag wird Ihnen innerhalb von 5 Tagen erstattet",),
    ),
    ("Ti richiamerò domani mattina.", ("Ti richiamerò domani mattina",)),
    (
        "Your old router will be collected when the engineer visits.",
        ("Your old router will be collected when the engineer visits",),
    ),
    (
        "Se continuar sem carregar, trocamos-lhe os auscultadores.",
        ("trocamos-lhe os auscultadores",),
    ),
    (
        "Assim que a recebermos, emitimos uma fatura corrigida em até 5 dias úteis.",
        ("emitimos uma fatura corrigida em até 5 dias úteis",),
    ),
    (
        "Vou pedir a segunda via do cartão e vou enviar-lhe o código por SMS.",
        ("Vou pedir a segunda via do cartão", "vou enviar-lhe o código por SMS"),
    ),
    (
        "The replacement kettle will come with your next grocery delivery.",
        ("The replacement kettle will come with your next grocery delivery",),
    ),
    (
        "Your March invoice will be based on the corrected meter reading.",
        ("Your March invoice will be based on the corrected meter reading",),
    ),
    (
        "Our store manager, Priya Shah, will ring you before 6pm.",
        ("Our store manager, Priya Shah, will ring you before 6pm",),
    ),
    (
        "The duty nurse, Sam, is taking over your case now.",
        ("The duty nurse, Sam, is taking over your case now",),
    ),
    ("Il pacco dovrebbe arrivare entro 2 giorni.", ("Il pacco dovrebbe arrivare entro 2 giorni",)),
    ("La devolución debería llegar en breve.", ("La devolución debería llegar en breve",)),
    ("Le technicien devrait passer vers 14h30.", ("Le technicien devrait passer vers 14h30",)),
    (
        "O reembolso fica disponível no mesmo dia útil.",
        ("O reembolso fica disponível no mesmo dia útil",),
    ),
    # test_commitments_forecasts_for_this_customer
    (
        "There's a mast fault, and engineers expect to fix it by 6pm today.",
        ("engineers expect to fix it by 6pm today",),
    ),
    (
        "Engineers are on site. The current estimate for restoration is 2pm.",
        ("The current estimate for restoration is 2pm",),
    ),
    ("The flight is delayed; the new departure is 18:45.", ("the new departure is 18:45",)),
    ("As I said, it's out for delivery today.", ("it's out for delivery today",)),
    ("We expect a lot of calls after the outage.", ()),
    ("I know that's not what you'd expect from us.", ()),
    # test_commitments_ignores_near_misses
    ("Refunds usually arrive within 5 working days.", ()),
    ("Normalmente chega em 5 dias úteis.", ()),
    ("Please send it back within 14 days of that date.", ()),
    ("Your contract ends on 14 February.", ()),
    ("Let me check.", ()),
    ("You should have heard from us long before now.", ()),
    ("Thanks so much, he'll be chuffed!", ()),
    ("Go to the desk and they'll take your suitcase.", ()),
    ("Lo siento mucho por las molestias.", ()),
    ("Te entiendo perfectamente.", ()),
    ("Necesito los últimos 4 dígitos de tu tarjeta.", ()),
    ("Leider können wir das nicht ändern.", ()),
    ("Peço desculpa pelo incómodo.", ()),
    ("Je vous remercie de votre patience.", ()),
    ("Je vous rappelle que le magasin ferme à 18 h.", ()),
    ("Je vais essayer de comprendre ce qui s'est passé.", ()),
    ("Je vérifie.", ()),
    ("Vou ter de pedir o número da encomenda.", ()),
    ("Retirei os 15€ da fatura.", ()),
    ("Sarò felice di aiutarti.", ()),
    ("Aisha will be delighted to read this!", ()),
    ("Our newest blend, Night Owl, is the strongest one.", ()),
    ("Your old SIM will stop working after the switch.", ()),
    ("Your phone will work abroad.", ()),
    ("The app will open on the home screen.", ()),
    ("We're experiencing high call volumes.", ()),
    ("I'm checking appointments now.", ()),
    ("And I'm listening.", ()),
    ("I'm writing about your order.", ()),
    ("I'm saying our records show the old one.", ()),
    ("Il prezzo dovrebbe essere intorno ai 35 €.", ()),
    ("Cierra sesión y debería aparecer como Anual.", ()),
    ("A fatura chega todos os meses por email.", ()),
    # test_commitments_ignores_non_promises
    ("I'll be happy to help!", ()),
    ("You'll need to reset the router first.", ()),
    ("I won't be able to call you back.", ()),
    ("I have already refunded the order.", ()),
    ("Please call us on 0800 123 456.", ()),
    ("Let me know if you have any questions.", ()),
    # test_commitments_ignores_offers_waiting_for_a_yes
    ("I can refund the £12 instead.", ()),
    ("I can move you onto the 19:05 now at no cost.", ()),
    ("We could split the balance over six months.", ()),
    ("If you'd like, I can also move your payment date to later in the month.", ()),
    ("I'll send you a printed copy if you ask.", ()),
    ("If you're happy with that, just reply 'yes' and I'll switch it today.", ()),
    ("I'm happy to set up a call with our adviser this week.", ()),
    ("I'd like to book you a call with our support team.", ()),
    ("Our partner shop can deliver it in 25 minutes. Shall I do that?", ()),
    ("I'll pass your details to our team today. Is that alright?", ()),
    ("Si vous le souhaitez, je vous envoie le formulaire aujourd'hui.", ()),
    ("If you reply 'yes', I'll run it today.", ()),
    ("Il suffit de répondre « oui » et le changement sera fait dès votre prochaine facture.", ()),
    ("I can't promise you'll get the full amount back.", ()),
    ("As you authorised it, it's unlikely you'll get anything back.", ()),
    ("Before that, let me tell you what I can do.", ()),
    ("Let me check what happened.", ()),
    ("Let me look properly.", ()),
    # test_commitments_negative_promises_with_our_side_as_subject (guidelines v2)
    ("Sorry about that. We won't charge you again.", ("We won't charge you again",)),
    (
        "We will not charge you for the redelivery.",
        ("We will not charge you for the redelivery",),
    ),
    ("You'll not be billed for the outage days.", ("You'll not be billed for the outage days",)),
    ("I won't let this happen again.", ("I won't let this happen again",)),
    ("We won't continue this conversation if you keep calling us liars.", ()),
    ("We will never ask you for your PIN.", ()),
    ("We never charge for meter upgrades.", ()),
    ("You'll not need a printer.", ()),
    ("I won't pretend it's not serious.", ()),
    # test_commitments_negative_promises_and_forecasts
    ("I've cancelled it now, so there'll be no more charges.", ("there'll be no more charges",)),
    ("Don't worry, nothing will happen straight away.", ("nothing will happen straight away",)),
    ("It's a one-off and it won't appear again.", ("it won't appear again",)),
    ("You won't need a printer.", ()),
    ("Going to the papers won't change that.", ()),
    ("We will never ask you to move your money.", ()),
    (
        "El equipo técnico estima repararla mañana antes de las 14:00.",
        ("El equipo técnico estima repararla mañana antes de las 14:00",),
    ),
    (
        "O corte está previsto das 9h às 15h de quinta-feira.",
        ("O corte está previsto das 9h às 15h de quinta-feira",),
    ),
    ("Estava à espera de aprovação.", ()),
    # test_commitments_negatives_and_offers_round_four
    ("Your account is paid up and nothing is being shut off.", ("nothing is being shut off",)),
    ("Nothing is being done about it, I'm afraid.", ()),
    ("You won't have to pay anything today.", ("You won't have to pay anything today",)),
    ("You won't have to wait long.", ()),
    ("If you'd rather have it on your card, tell me and I'll request that instead.", ()),
    ("Gerne prüfe ich, ob ein anderer Tarif günstiger wäre. Soll ich das tun?", ()),
    # test_commitments_non_english_futures
    (
        "As equipas estão no local e a luz deverá voltar até às 18h.",
        ("a luz deverá voltar até às 18h",),
    ),
    ("Chegará amanhã de manhã.", ("Chegará amanhã de manhã",)),
    ("Um técnico irá a sua casa na terça-feira.", ("Um técnico irá a sua casa na terça-feira",)),
    (
        "Se espera que la luz vuelva hoy antes de las 20:00.",
        ("Se espera que la luz vuelva hoy antes de las 20:00",),
    ),
    ("Das Paket wird morgen versendet.", ("Das Paket wird morgen versendet",)),
    ("Die Zinsen werden ab morgen monatlich gutgeschrieben.", ()),
    ("O cartão foi bloqueado e o novo chega amanhã.", ("o novo chega amanhã",)),
    # test_commitments_non_english_round_four
    (
        "Já corrigi a morada e a transportadora vai entregá-la amanhã.",
        ("a transportadora vai entregá-la amanhã",),
    ),
    ("A transportadora vai entregá-la.", ()),
    ("La empresa va a enviarlo mañana.", ("La empresa va a enviarlo mañana",)),
    ("La empresa va a cerrar.", ()),
    ("Le technicien va passer demain matin.", ("Le technicien va passer demain matin",)),
    (
        "Il pagamento partirà con bonifico venerdì 24.",
        ("Il pagamento partirà con bonifico venerdì 24",),
    ),
    (
        "A sua conta não vai ser fechada nos próximos 60 dias.",
        ("A sua conta não vai ser fechada nos próximos 60 dias",),
    ),
    ("Un tecnico passerà a sostituire il piede.", ("Un tecnico passerà a sostituire il piede",)),
    (
        "Il tecnico la chiamerà per fissare l'appuntamento.",
        ("Il tecnico la chiamerà per fissare l'appuntamento",),
    ),
    ("Il tecnico potrà aiutarla.", ()),
    ("La app le pedirá cambiarla.", ()),
    ("Si me lo confirma, lo solicito yo por usted.", ("lo solicito yo por usted",)),
    ("Lo siento mucho.", ()),
    ("Lo puedo revertir si quiere.", ()),
    ("Le comunicamos que la decisión es firme.", ()),
    ("Envíe la foto por correo.", ()),
    (
        "Le reubiqué en el vuelo de mañana a las 07:40.",
        ("Le reubiqué en el vuelo de mañana a las 07:40",),
    ),
    (
        "Ya está asignada al vuelo de esta noche a Madrid.",
        ("Ya está asignada al vuelo de esta noche a Madrid",),
    ),
    (
        "La previsión es restablecer el servicio hoy antes de las 20:00.",
        ("La previsión es restablecer el servicio hoy antes de las 20:00",),
    ),
    (
        "Deberían verlas en el panel en unos minutos.",
        ("Deberían verlas en el panel en unos minutos",),
    ),
    ("Votre document a expiré le 31 mai.", ()),
    (
        "Die Auszahlung erfolgt innerhalb von 14 Tagen.",
        ("Die Auszahlung erfolgt innerhalb von 14 Tagen",),
    ),
    ("Die Auszahlung erfolgt per Überweisung.", ()),
    ("Ihr Vertrag endet zum 31.08.", ("Ihr Vertrag endet zum 31.08",)),
    (
        "Die Beträge werden mit der nächsten Abrechnung verrechnet.",
        ("Die Beträge werden mit der nächsten Abrechnung verrechnet",),
    ),
    ("Die Beträge werden verrechnet.", ()),
    # test_commitments_offer_rule_keeps_promises
    (
        "If it hasn't arrived by Monday, reply here and I'll chase it myself.",
        ("I'll chase it myself",),
    ),
    (
        "If you'd like to report it to the police, we'll share the order details.",
        ("we'll share the order details",),
    ),
    (
        "I'll call you back within 30 minutes, or, if you prefer, I can give you their number.",
        ("I'll call you back within 30 minutes",),
    ),
    (
        "You'll hear from us next time. I can also send you a hotspot; would that help?",
        ("You'll hear from us next time",),
    ),
    ("I'll post it this week. Would you like me to do that?", ()),
    (
        "Let me check with the courier and call you back today.",
        ("Let me check with the courier and call you back today",),
    ),
    ("I can promise this won't happen again.", ("I can promise this won't happen again",)),
    # test_commitments_partners_figures_and_targets
    (
        "I've passed it to the gas board. They'll inspect the boiler.",
        ("They'll inspect the boiler",),
    ),
    ("They'll come back to it.", ()),
    (
        "The balance (£40.10) will appear within 3 days.",
        ("The balance (£40.10) will appear within 3 days",),
    ),
    ("Your £30 will clear by Friday.", ("Your £30 will clear by Friday",)),
    (
        "We found the case: it will be on the 18:05 train to York.",
        ("it will be on the 18:05 train to York",),
    ),
    ("The crew aim to be there within two hours.", ("The crew aim to be there within two hours",)),
    ("Our team aims to respond within 5 days.", ()),
    ("Hold the button. The lights will flash.", ()),
    ("Don't worry, it won't stop working during the switch.", ()),
    ("Don't worry, it won't stop your broadband.", ("it won't stop your broadband",)),
    # test_commitments_process_steps_after_customer_action
    ("Text PAC to 65075 and you'll get a code back in a minute.", ()),
    ("Once you're registered, you'll get a poll card in the post.", ()),
    ("Tap the paperclip, choose the photo, and it will be added.", ()),
    ("DM us the order number and we'll refund it in full.", ("we'll refund it in full",)),
    (
        "Once you approve, she'll have access ready by Monday 9am.",
        ("she'll have access ready by Monday 9am",),
    ),
    # test_commitments_progressive_with_a_time
    (
        "The site team is repainting the hallway on Monday.",
        ("The site team is repainting the hallway on Monday",),
    ),
    (
        "Good news: a spare charger is being posted to you today.",
        ("a spare charger is being posted to you today",),
    ),
    ("The site team is repainting the hallway.", ()),
    ("Your claim is being assessed.", ()),
    ("It's recovering now, so try again.", ()),
    ("Because you are travelling within three weeks, the fare is fixed.", ()),
    ("Many people are queueing today after the outage.", ()),
    ("With your sister's wedding on Saturday, I understand.", ()),
    (
        "The driver called: he's dropping it off in 10 minutes.",
        ("he's dropping it off in 10 minutes",),
    ),
    ("Meanwhile, you're being asked for a code today.", ()),
    # test_commitments_rebookings_and_due_forms
    (
        "Your dental check has been rebooked for 3 May at 09:30.",
        ("Your dental check has been rebooked for 3 May at 09:30",),
    ),
    ("I've called the depot and booked the fitter for Friday.", ("booked the fitter for Friday",)),
    ("Send it in and a new kettle goes out the same day.", ("a new kettle goes out the same day",)),
    (
        "The crew is clearing the drain after 18:30.",
        ("The crew is clearing the drain after 18:30",),
    ),
    ("The £80 was refunded to your card on 2 May.", ()),
    ("I booked the fitter last year.", ()),
    # test_commitments_schedules_chat_and_due_forms
    ("The fix is in 7.4.2, due on 24 November.", ("The fix is in 7.4.2, due on 24 November",)),
    ("The fix is in 7.4.2.", ()),
    ("It's in this Friday's payment run.", ("It's in this Friday's payment run",)),
    ("It's in the update too!", ()),
    ("The patch is going in now.", ("The patch is going in now",)),
    (
        "The sofa is booked onto our van for Thursday.",
        ("The sofa is booked onto our van for Thursday",),
    ),
    (
        "Cancellation is set for your move date, 12/1.",
        ("Cancellation is set for your move date, 12/1",),
    ),
    ("We're open 24/7 for this.", ()),
    ("It's cancelled from the 24th of December.", ("It's cancelled from the 24th of December",)),
    (
        "I've provisionally booked Friday for the delivery.",
        ("I've provisionally booked Friday for the delivery",),
    ),
    ("The £46 comes off your next bill.", ("The £46 comes off your next bill",)),
    (
        "Refunded the extra seats, should land on the card in 5-10 days.",
        ("should land on the card in 5-10 days",),
    ),
    ("Sent it over. Should be at goods-in before 2.", ("Should be at goods-in before 2",)),
    ("Sent it over. Should be fine soon.", ()),
    (
        "It'll be waiting at the belt when you land.",
        ("It'll be waiting at the belt when you land",),
    ),
    ("It'll be waiting for you.", ()),
    (
        "It'll reach your card 3-5 days after we receive the jacket.",
        ("It'll reach your card 3-5 days after we receive the jacket",),
    ),
    # test_commitments_third_parties_and_participles
    (
        "I've asked the print room to reissue it and they'll confirm by email.",
        ("they'll confirm by email",),
    ),
    ("They'll love the new colour.", ()),
    (
        "Someone from that team will call you by Friday.",
        ("Someone from that team will call you by Friday",),
    ),
    (
        "A support engineer from Northway IT will visit you on Monday.",
        ("A support engineer from Northway IT will visit you on Monday",),
    ),
    (
        "Every delivery will come with a temperature log.",
        ("Every delivery will come with a temperature log",),
    ),
    (
        "They're sending a replacement within 20 minutes.",
        ("They're sending a replacement within 20 minutes",),
    ),
    ("They're sending a replacement.", ()),
    ("They're hearing the same from other customers today.", ()),
    (
        "The balance of £6,212.40 will be paid into your account by Friday.",
        ("The balance of £6,212.40 will be paid into your account by Friday",),
    ),
    (
        "Your chair will be brought back to the door on arrival.",
        ("Your chair will be brought back to the door on arrival",),
    ),
    ("No one should be spoken to like that.", ()),
    ("Nobody will be asked to pay twice.", ()),
    # test_commitment_model_keeps_clear_rule_promises
    ("I'll call you tomorrow before noon.", ("I'll call you tomorrow before noon",)),
    ("Wir schicken Ihnen morgen ein neues Gerät.", ("Wir schicken Ihnen morgen ein neues Gerät",)),
    ("Le enviamos hoy un nuevo cargador.", ("Le enviamos hoy un nuevo cargador",)),
    # test_commitment_model_leaves_general_statements_alone
    ("Refunds usually take 5 days.", ()),
    ("Can I help with anything else today?", ()),
    ("Normalmente el reembolso tarda 5 días.", ()),
    # guideline
    ("I've refunded you.", ()),
    ("I have escalated it.", ()),
    ("Please call us.", ()),
    ("I won't be able to call you.", ()),
    ("I'll be happy to help.", ()),
    ("We hope to see you again.", ()),
    ("I can refund it if you like.", ()),
    ("Shall I book it?", ()),
    ("Would you like me to book it?", ()),
    ("It should work now.", ()),
    ("I've reset it.", ()),
    ("We're looking into it.", ()),
    ("Our developers are working on it.", ()),
    ("Reply yes and I'll order it.", ()),
    ("If you can't be civil I'll end this call.", ()),
    ("Someone may be in touch in due course.", ()),
    ("Our store is open until 6pm on weekdays.", ()),
    ("I'm sending you a new label now.", ("I'm sending you a new label now",)),
    ("We are refunding the £12 today.", ("We are refunding the £12 today",)),
    ("A technician will be booked for Thursday.", ("A technician will be booked for Thursday",)),
    (
        "Your refund will be processed within 5 days.",
        ("Your refund will be processed within 5 days",),
    ),
    ("The engineer is booked for Tuesday 9-12.", ("The engineer is booked for Tuesday 9-12",)),
    ("You won't be charged again.", ("You won't be charged again",)),
    ("The courier will collect it on Thursday.", ("The courier will collect it on Thursday",)),
    ("Your card should arrive by Friday.", ("Your card should arrive by Friday",)),
    ("I'll get back to you.", ("I'll get back to you",)),
    ("We will refund you.", ("We will refund you",)),
    ("I'm going to escalate this.", ("I'm going to escalate this",)),
    (
        "You'll receive an email with the label within 24 hours.",
        ("You'll receive an email with the label within 24 hours",),
    ),
    ("Je vous rappelle demain.", ("Je vous rappelle demain",)),
    ("If you send the photo, I'll replace it.", ("I'll replace it",)),
    (
        "A colleague is phoning you in the next 15 minutes.",
        ("A colleague is phoning you in the next 15 minutes",),
    ),
    ("It's being couriered today.", ("It's being couriered today",)),
    ("Power should be back by 11pm tonight.", ("Power should be back by 11pm tonight",)),
    ("We'll have you back online by 10:30.", ("We'll have you back online by 10:30",)),
    ("You're rebooked on the 07:15 tomorrow.", ("You're rebooked on the 07:15 tomorrow",)),
    ("Your new departure is 19:40.", ("Your new departure is 19:40",)),
    ("DM us the order number and a collection will be booked.", ("a collection will be booked",)),
    ("I can see the double charge and I'm cancelling it now.", ("I'm cancelling it now",)),
    # tests/test_commitment_model.py and test_commitments.py, single cases
    ("Will do!", ()),
    ("Will do, thanks.", ()),
    ("Will do. I'll email it in the next ten minutes.", ("I'll email it in the next ten minutes",)),
    ("Will do that today.", ("Will do that today",)),
    ("Ihr Anliegen wird bearbeitet.", ()),
    ("Thanks so much, have a lovely weekend!", ()),
    (
        "Thanks for your patience. Engineers will fix your line today.",
        ("Engineers will fix your line today.",),
    ),
    # test_commitment_model_adds_a_second_promise_beside_a_rule_span
    (
        "I'll apply the credit today, and you'll see it on the April invoice.",
        ("I'll apply the credit today", "and you'll see it on the April invoice."),
    ),
    ("I'll send the label today - our shop is open until 6pm.", ("I'll send the label today",)),
    (
        "I'll close the ticket now, but you can reopen it within 14 days.",
        ("I'll close the ticket now",),
    ),
    # test_commitments_schedule_forms_and_near_misses (guideline v2 "bookings already made";
    # v3 "a published timetable or opening hours is not")
    (
        "The engineer is booked for Tuesday 9–12.",
        ("The engineer is booked for Tuesday 9–12",),
    ),
    ("Our shop is open until 6pm.", ()),
    ("The shop opens at 9am on Saturday.", ()),
    ("Your refund has been sent.", ()),
    # test_commitments_opt_outs_and_reassurance_v3 (guideline v3 "conditions": an opt-out
    # does not wait for a yes; "reassurance": our own will / won't is a promise, others' or
    # the law's, or a fact, is not)
    (
        "I'll send the form by post, unless you'd rather download it.",
        ("I'll send the form by post",),
    ),
    (
        "I'll send a replacement today, unless you'd prefer a refund.",
        ("I'll send a replacement today",),
    ),
    (
        "I'll set your cap to £30 unless you'd like a different amount.",
        ("I'll set your cap to £30",),
    ),
    (
        "We'll book the engineer for Friday unless you want a different day.",
        ("We'll book the engineer for Friday",),
    ),
    ("I'll send a replacement today if you'd prefer.", ()),
    ("I can email them if you like.", ()),
    ("You won't be charged.", ("You won't be charged",)),
    ("We won't cut off your supply.", ("We won't cut off your supply",)),
    ("You won't need to send it back.", ("You won't need to send it back",)),
    ("You won't be arrested.", ()),
    ("Don't worry, you won't be prosecuted for this.", ()),
    ("No one is firing you.", ()),
    ("Your account isn't hacked.", ()),
    # test_guard_refuses_statements_of_fact: a price, a reference, a limit
    ("Thanks for waiting. The 38 pounds is for 760MB at 5p per MB.", ()),
    ("Your reference is BRV-20417.", ()),
    # test_commitments_present_futures_in_other_languages (nl present-for-future, it / fr / de)
    ("We sturen u morgen een nieuwe kaart.", ("We sturen u morgen een nieuwe kaart",)),
    ("Ik bel u vanmiddag terug.", ("Ik bel u vanmiddag terug",)),
    ("Dan bellen we je er morgen over.", ("bellen we je er morgen over",)),
    (
        "U ontvangt binnen 5 werkdagen een bevestiging.",
        ("U ontvangt binnen 5 werkdagen een bevestiging",),
    ),
    (
        "Een collega neemt binnenkort contact met u op.",
        ("Een collega neemt binnenkort contact met u op",),
    ),
    ("Op 14 maart wordt het overgezet.", ("Op 14 maart wordt het overgezet",)),
    ("Ik neem aan dat u de factuur heeft ontvangen.", ()),
    ("We hebben uw pakket gisteren verstuurd.", ()),
    ("U krijgt een bevestiging per mail.", ()),
    ("We kijken ernaar.", ()),
    ("We begrijpen uw frustratie.", ()),
    ("Non ci saranno altri addebiti.", ("Non ci saranno altri addebiti",)),
    ("Non ci sarà nessun problema con la consegna.", ()),
    ("On t'envoie la M aujourd'hui en express.", ("On t'envoie la M aujourd'hui en express",)),
    (
        "Nous vous renvoyons une nouvelle boîte mardi prochain.",
        ("Nous vous renvoyons une nouvelle boîte mardi prochain",),
    ),
    ("Nous vous remercions de votre patience.", ()),
    (
        "Wir korrigieren die Buchungen innerhalb von fünf Arbeitstagen.",
        ("Wir korrigieren die Buchungen innerhalb von fünf Arbeitstagen",),
    ),
    (
        "Ich poste hier ein Update, sobald es fertig ist.",
        ("Ich poste hier ein Update, sobald es fertig ist",),
    ),
    ("Wir können die Buchungen korrigieren.", ()),
    # test_commitments_present_for_future_it_es_pt_nl (commit14): it "-iamo", es / pt present
    # futures with a time word or an object pronoun; asked forms, habits, "dan" after a choice
    (
        "Giriamo subito la pratica all'ufficio tecnico.",
        ("Giriamo subito la pratica all'ufficio tecnico",),
    ),
    ("Le inviamo domani il codice di reso.", ("Le inviamo domani il codice di reso",)),
    ("La richiamiamo entro le 13.", ("La richiamiamo entro le 13",)),
    ("Giriamo la pratica all'ufficio tecnico.", ()),
    ("Le inviamo la fattura ogni mese.", ()),
    ("Le inviamo il codice?", ()),
    ("Abbiamo ricevuto la sua richiesta.", ()),
    ("Le enviamos la etiqueta mañana.", ("Le enviamos la etiqueta mañana",)),
    ("Te llamamos esta tarde.", ("Te llamamos esta tarde",)),
    ("Mañana enviamos la etiqueta.", ("enviamos la etiqueta",)),
    ("Le enviamos la factura cada mes.", ()),
    ("¿Le enviamos la etiqueta?", ()),
    ("A gente reembolsa amanhã.", ("A gente reembolsa amanhã",)),
    ("Marcamos uma visita para sexta.", ("Marcamos uma visita para sexta",)),
    ("A gente reembolsa sempre em 5 dias.", ()),
    ("Marcamos uma visita?", ()),
    ("A gente precisa do comprovante amanhã.", ()),
    ("Wil je het lager? Dan zet ik het op €95.", ()),
    (
        "Wil je ons je bestelnummer sturen? Dan zoeken we het uit.",
        ("zoeken we het uit",),
    ),
    ("Heb je liever een nieuwe? Dan stuur ik die morgen.", ()),
    # test_commitments_polish_turkish_portuguese_dutch (commit15): pl / tr promises (no rules
    # before), pt / nl forms of unseen writers, and each language's near misses
    ("Sprawdzę to jeszcze dziś i dam Panu znać.", ("Sprawdzę to jeszcze dziś", "dam Panu znać")),
    ("Wyślemy nową kartę jutro kurierem.", ("Wyślemy nową kartę jutro kurierem",)),
    ("Oddzwonię do Pani przed 15:00.", ("Oddzwonię do Pani przed 15:00",)),
    ("Dziękuję za cierpliwość, odezwę się jutro.", ("odezwę się jutro",)),
    (
        "Przelew zostanie zwrócony w ciągu 5 dni roboczych.",
        ("Przelew zostanie zwrócony w ciągu 5 dni roboczych",),
    ),
    (
        "Otrzyma Pan e-mail z etykietą zwrotną w ciągu godziny.",
        ("Otrzyma Pan e-mail z etykietą zwrotną w ciągu godziny",),
    ),
    (
        "Pieniądze wrócą na konto do piątku, a faktura przyjdzie mailem.",
        ("Pieniądze wrócą na konto do piątku", "faktura przyjdzie mailem"),
    ),
    ("Kurier odbierze paczkę w czwartek.", ("Kurier odbierze paczkę w czwartek",)),
    ("Nie zostanie Pan ponownie obciążony.", ("Nie zostanie Pan ponownie obciążony",)),
    ("Wysyłamy paczkę jutro rano.", ("Wysyłamy paczkę jutro rano",)),
    ("Czy mam wysłać nową etykietę?", ()),
    ("Mogę wysłać nową etykietę, jeśli Pan chce.", ()),
    ("Zazwyczaj wysyłamy zamówienia w ciągu 2 dni.", ()),
    ("Zwykle trwa to 5 dni roboczych.", ()),
    ("Wysłałem paczkę wczoraj.", ()),
    ("Proszę wysłać zdjęcie produktu.", ()),
    ("Nie zwrócimy pieniędzy za ten bilet.", ()),
    ("Dziękuję za wiadomość.", ()),
    (
        "Siparişinizi kontrol edeceğim ve size bugün dönüş yapacağım.",
        ("Siparişinizi kontrol edeceğim", "size bugün dönüş yapacağım"),
    ),
    ("Sizi yarın sabah arayacağız.", ("Sizi yarın sabah arayacağız",)),
    ("Ücret 3 iş günü içinde iade edilecek.", ("Ücret 3 iş günü içinde iade edilecek",)),
    ("Yarın kargoya veriyoruz.", ("Yarın kargoya veriyoruz",)),
    (
        "Kargo takip kodunu akşam SMS ile alacaksınız.",
        ("Kargo takip kodunu akşam SMS ile alacaksınız",),
    ),
    ("Tekrar ücret alınmayacak.", ("Tekrar ücret alınmayacak",)),
    ("Bugün içinde size e-posta göndereceğiz.", ("Bugün içinde size e-posta göndereceğiz",)),
    ("Yeni bir etiket göndermemi ister misiniz?", ()),
    ("İsterseniz yarın sizi arayabilirim.", ()),
    ("Ürünü dün kargoya verdim.", ()),
    ("Genellikle 3 iş günü sürer.", ()),
    ("Lütfen faturanın fotoğrafını gönderin.", ()),
    ("Ürünü iade etmeniz gerekecek.", ()),
    ("Maalesef iade yapamayacağız.", ()),
    ("Size yardımcı olmaktan mutluluk duyacağım.", ()),
    ("Gelecek hafta kampanya başlıyor.", ()),
    ("Te ligo hoje à tarde.", ("Te ligo hoje à tarde",)),
    ("Retornamos o contato até amanhã.", ("Retornamos o contato até amanhã",)),
    ("Não vai ser cobrado de novo.", ("Não vai ser cobrado de novo",)),
    ("Estamos a reimprimir as etiquetas hoje.", ("Estamos a reimprimir as etiquetas hoje",)),
    ("Entrarei em contato amanhã.", ("Entrarei em contato amanhã",)),
    ("Seu pedido será entregue até sexta.", ("Seu pedido será entregue até sexta",)),
    (
        "O estorno cai no seu cartão em até 2 dias úteis.",
        ("O estorno cai no seu cartão em até 2 dias úteis",),
    ),
    ("Informamo-lo no mesmo dia.", ("Informamo-lo no mesmo dia",)),
    ("Você vai precisar reiniciar o roteador.", ()),
    ("Vai ter de ir ao balcão.", ()),
    ("Enviamos a etiqueta ontem.", ()),
    ("Geralmente enviamos em 2 dias.", ()),
    ("Gostaria que eu agendasse a visita?", ()),
    ("Preparei a encomenda e alterei a morada.", ()),
    (
        "Ik zorg ervoor dat het vandaag nog geregeld wordt.",
        ("Ik zorg ervoor dat het vandaag nog geregeld wordt",),
    ),
    ("Ik ga het voor u uitzoeken.", ("Ik ga het voor u uitzoeken",)),
    ("Ik zal u morgen terugbellen.", ("Ik zal u morgen terugbellen",)),
    ("We houden u op de hoogte.", ("We houden u op de hoogte",)),
    (
        "Er worden geen kosten meer in rekening gebracht.",
        ("Er worden geen kosten meer in rekening gebracht",),
    ),
    (
        "Het bedrag staat binnen 7 dagen op uw rekening.",
        ("Het bedrag staat binnen 7 dagen op uw rekening",),
    ),
    (
        "We hebben een monteur ingepland voor dinsdag.",
        ("We hebben een monteur ingepland voor dinsdag",),
    ),
    ("Ik ga ervan uit dat het nu werkt.", ()),
    ("Zal ik een nieuwe sturen?", ()),
    ("We hebben het gisteren verstuurd.", ()),
    ("Het wordt maandelijks afgeschreven.", ()),
    ("Ik zie dat je oude toestel nog gekoppeld is.", ()),
    # test_commitments_polish_turkish_without_letters_and_promise_verbs (commit16): pl / tr
    # typed without their letters, more pl / tr forms, promise verbs in other languages
    # pl typed without letters: the same promises as with them
    ("Sprawdze to jeszcze dzis i dam Panu znac.", ("Sprawdze to jeszcze dzis", "dam Panu znac")),
    ("Wyslemy nowa karte jutro kurierem.", ("Wyslemy nowa karte jutro kurierem",)),
    ("Oddzwonie do Pani przed 15:00.", ("Oddzwonie do Pani przed 15:00",)),
    (
        "Przelew zostanie zwrocony w ciagu 5 dni roboczych.",
        ("Przelew zostanie zwrocony w ciagu 5 dni roboczych",),
    ),
    ("Kurier odbierze paczke w czwartek.", ("Kurier odbierze paczke w czwartek",)),
    ("Nie zostanie Pan ponownie obciazony.", ("Nie zostanie Pan ponownie obciazony",)),
    # pl near misses without letters: an offer, a habit, a past, the customer's step, a refusal
    ("Czy mam wyslac nowa etykiete?", ()),
    ("Moge wyslac nowa etykiete, jesli Pan chce.", ()),
    ("Zazwyczaj wysylamy zamowienia w ciagu 2 dni.", ()),
    ("Wyslalem paczke wczoraj.", ()),
    ("Prosze wyslac zdjecie produktu.", ()),
    ("Nie zwrocimy pieniedzy za ten bilet.", ()),
    # pl: a third party with "się" first, a plan with a time
    ("Zgłoszenie przekazałam do zespołu partnerów, oni się tym zajmą.", ("oni się tym zajmą",)),
    (
        "Planujemy przywrócić zasilanie dziś do godziny 15:00.",
        ("Planujemy przywrócić zasilanie dziś do godziny 15:00",),
    ),
    ("Planujemy zmiany w cenniku.", ()),
    # tr typed without letters
    ("Sizi yarin sabah arayacagiz.", ("Sizi yarin sabah arayacagiz",)),
    (
        "Siparisinizi kontrol edecegim ve size bugun donus yapacagim.",
        ("Siparisinizi kontrol edecegim", "size bugun donus yapacagim"),
    ),
    ("Kargonuzu bugun gonderecegiz.", ("Kargonuzu bugun gonderecegiz",)),
    ("Ucret 3 is gunu icinde iade edilecek.", ("Ucret 3 is gunu icinde iade edilecek",)),
    # tr near misses without letters: an offer, the customer's duty, a refusal, a pleasantry
    ("Yeni bir etiket gondermemi ister misiniz?", ()),
    ("Lutfen faturanin fotografini gonderin.", ()),
    ("Urunu iade etmeniz gerekecek.", ()),
    ("Maalesef iade yapamayacagiz.", ()),
    ("Size yardimci olmaktan mutluluk duyacagim.", ()),
    # tr: "your X is coming / will reach you" (a possessive subject, present or future)
    ("Talep numaranız SMS ile geliyor.", ("Talep numaranız SMS ile geliyor",)),
    ("Kargonuz yarın size ulaşacak.", ("Kargonuz yarın size ulaşacak",)),
    ("Kampanya gelecek ay geliyor.", ()),
    # promise verbs: the promise is the clause after them; negated ones promise nothing
    (
        "Ich verspreche Ihnen, dass wir das bis Freitag klären.",
        ("Ich verspreche Ihnen, dass wir das bis Freitag klären",),
    ),
    ("Le prometto che la richiamo oggi.", ("Le prometto che la richiamo oggi",)),
    ("Ik beloof u dat we het vandaag oplossen.", ("Ik beloof u dat we het vandaag oplossen",)),
    ("Te prometo que mañana te llamo.", ("Te prometo que mañana te llamo",)),
    ("No te prometo nada.", ()),
    ("Non le prometto niente.", ()),
    ("Lo prometo.", ()),
    # guideline v3, one entry per action: a second verb after "and" is its own entry
    (
        "I'll compare the two and call you back before eleven on Monday.",
        ("I'll compare the two", "call you back before eleven on Monday"),
    ),
    (
        "I'll submit it for you and confirm receipt the same day.",
        ("I'll submit it for you", "confirm receipt the same day"),
    ),
    (
        "We'll refund the delivery fee today and then send you a new label.",
        ("We'll refund the delivery fee today", "send you a new label"),
    ),
    (
        "ill reset it and call you back in ten minutes",
        ("ill reset it", "call you back in ten minutes"),
    ),
    # spoken contractions (he'll, she'll, someone'll, that'll, there'll without the
    # apostrophe) and due phrases of speech and short waits; "hell" and "shell" the nouns
    ("shell give you a ring in the morning", ("shell give you a ring in the morning",)),
    ("someonell call you back today", ("someonell call you back today",)),
    ("therell be no charge for the visit", ("therell be no charge for the visit",)),
    ("theyll be there by four pm", ("theyll be there by four pm",)),
    (
        "He'll be at your office in under 10 minutes.",
        ("He'll be at your office in under 10 minutes",),
    ),
    ("She'll be there within half an hour.", ("She'll be there within half an hour",)),
    ("hell of a week tomorrow for us", ()),
    ("the shell of the unit is cracked", ()),
    # near misses: a noun after "and", one action with two objects
    (
        "I'll send you the label and return form today.",
        ("I'll send you the label and return form today",),
    ),
    (
        "I'll refund the ticket and the hotel night.",
        ("I'll refund the ticket and the hotel night",),
    ),
    # test_commitments_lookups_bookings_and_due_clauses: an in-chat lookup after "let me" is
    # no promise (docs/traits.md), a follow-up after it is; a perfect of an arranging verb
    # with a later time is a booking (de / fr / es / it too), with the time of the work
    # itself ("today", "sofort") it is work done; a French passive future with a due phrase
    ("Let me pull up your account.", ()),
    ("Let me just pull your order up.", ()),
    ("Let me take a look.", ()),
    ("let me go through them one by one", ()),
    ("Let me put it simply: the fee is £28.", ()),
    (
        "Let me pull up your account and call you back within the hour.",
        ("Let me pull up your account and call you back within the hour",),
    ),
    ("Let me fix that for you now.", ("Let me fix that for you now",)),
    (
        "Ich habe einen Techniker für Donnerstag zwischen 8 und 12 Uhr gebucht.",
        ("Ich habe einen Techniker für Donnerstag zwischen 8 und 12 Uhr gebucht",),
    ),
    (
        "J'ai réservé un technicien pour jeudi matin.",
        ("J'ai réservé un technicien pour jeudi matin",),
    ),
    (
        "He programado la visita del técnico para el martes.",
        ("He programado la visita del técnico para el martes",),
    ),
    (
        "Ho prenotato un tecnico per giovedì mattina.",
        ("Ho prenotato un tecnico per giovedì mattina",),
    ),
    ("I've arranged a courier for Friday.", ("I've arranged a courier for Friday",)),
    (
        "I've booked it properly now: Saturday 8am-12pm, reference ENG-774102.",
        ("I've booked it properly now: Saturday 8am-12pm",),
    ),
    ("I've ordered a replacement fuser today.", ()),
    ("Ich habe die Wiederanschaltung sofort veranlasst.", ()),
    ("He pedido el desbloqueo de la cuenta ahora mismo.", ()),
    ("Ich habe gestern einen Techniker gebucht.", ()),
    (
        "Vous serez remboursée sous 5 jours ouvrés.",
        ("Vous serez remboursée sous 5 jours ouvrés",),
    ),
    ("Vous serez remboursée.", ()),
    (
        "I will personally make sure this never happens again and I guarantee a full refund today.",
        ("I will personally make sure this never happens again", "I guarantee a full refund today"),
    ),
    (
        "I'll call you back, tomorrow before noon.",
        ("I'll call you back, tomorrow before noon",),
    ),
    # test_commitments_present_sanctions_and_spoken_clauses: present-tense promises after a
    # first-person subject (de / it / es / pt / fr) and their look-alikes, the Dutch 'je',
    # sanctions under a condition (no promise) beside a refund under one (a promise), and
    # unpunctuated call transcripts cut at a new subject with a future
    (
        "Das ist ärgerlich. Ich deaktiviere es jetzt per Fernwartung.",
        ("Ich deaktiviere es jetzt per Fernwartung",),
    ),
    ("Ich verstehe jetzt, was passiert ist.", ()),
    ("Leider habe ich heute keine Information dazu.", ()),
    ("Die Unterlagen, die ich Ihnen heute schicke, sind vollständig.", ()),
    ("Dann schließe ich die Reklamation.", ("schließe ich die Reklamation",)),
    ("Ich schaue kurz nach.", ()),
    (
        "Ich schaue nach und melde mich morgen bei Ihnen.",
        ("Ich schaue nach und melde mich morgen bei Ihnen",),
    ),
    ("Gerne helfe ich Ihnen heute weiter.", ()),
    ("Passo io alla tua scrivania tra 10 minuti.", ("Passo io alla tua scrivania tra 10 minuti",)),
    ("Sono io il responsabile del negozio.", ()),
    ("L'ho registrato io adesso.", ()),
    ("Le abbiamo appena rimborsato l'ordine.", ()),
    (
        "Abro yo la reclamación con la tienda por ti.",
        ("Abro yo la reclamación con la tienda por ti",),
    ),
    ("Creo yo que es un error del banco.", ()),
    ("Lo he aprobado yo esta mañana.", ()),
    ("Te acabo de enviar un enlace de pago.", ()),
    ("A gente reembolsa o valor hoje.", ("A gente reembolsa o valor hoje",)),
    ("Eu entendo a sua frustração.", ()),
    ("Ils vous rappelleront demain matin.", ("Ils vous rappelleront demain matin",)),
    ("Il vous restera 1 500 € disponibles.", ()),
    (
        "Je vous écris lundi pour confirmer la livraison.",
        ("Je vous écris lundi pour confirmer la livraison",),
    ),
    ("Je vous écris pour confirmer la livraison.", ()),
    ("Je vous explique simplement la procédure.", ()),
    ("Bedankt voor je snelle melding.", ()),
    (
        "If the cartons are not here on the 12th we will charge the penalty in clause 9 and look for another supplier.",
        (),
    ),
    ("If it's not here by Friday we'll invoke the penalty clause.", ()),
    ("We'll cancel the cover if the premium isn't paid.", ()),
    ("Wenn die Ware nicht bis Freitag da ist, werden wir die Vertragsstrafe berechnen.", ()),
    ("If it's not fixed by Friday I'll refund you.", ("I'll refund you",)),
    (
        "If the engineer doesn't turn up tomorrow, I'll refund the call-out fee.",
        ("I'll refund the call-out fee",),
    ),
    ("DM us if it's not back by Friday.", ()),
    (
        "ok so I'll send you the form today and um the technician will come Thursday",
        ("I'll send you the form today", "the technician will come Thursday"),
    ),
    (
        "I'm sending an emergency engineer to you right now they will be there within the hour can you confirm your address for me",
        (
            "I'm sending an emergency engineer to you right now",
            "they will be there within the hour",
        ),
    ),
    (
        "I'm contacting the receiving bank now to try to recover the money our fraud team will call you back within two hours with an update",
        (
            "I'm contacting the receiving bank now to try to recover the money",
            "our fraud team will call you back within two hours with an update",
        ),
    ),
    # test_commitments_third_party_outcomes_and_add_guards (commit21): a third-party or item
    # subject with an outcome verb in the present and a due phrase; look-alikes ("leaves
    # you", the noun "installs", a habit, no due, a forecast passed on); de / it / es due
    # phrases with number words; the add guards (a comment, work done, the customer's step)
    ("It flies to Atlanta tomorrow.", ("It flies to Atlanta tomorrow",)),
    ("DHL delivers it Thursday before noon.", ("DHL delivers it Thursday before noon",)),
    (
        "Courier collects it from Leeds tomorrow morning.",
        ("Courier collects it from Leeds tomorrow morning",),
    ),
    ("The driver leaves in about 5 minutes.", ("The driver leaves in about 5 minutes",)),
    (
        "Your plan renews automatically on 3 November.",
        ("Your plan renews automatically on 3 November",),
    ),
    ("That leaves you plenty of time before Friday.", ()),
    ("We've got 400 installs booked from 1 March.", ()),
    ("The office usually delivers on Fridays.", ()),
    ("Die Rechnung kommt per Post.", ()),
    ("Our supplier says new stock lands Tuesday.", ()),
    (
        "Die Schlussrechnung kommt dann innerhalb von sechs Wochen.",
        ("Die Schlussrechnung kommt dann innerhalb von sechs Wochen",),
    ),
    ("Una squadra arriva entro un'ora.", ("Una squadra arriva entro un'ora",)),
    (
        "Il rimborso arriva entro fine settimana.",
        ("Il rimborso arriva entro fine settimana",),
    ),
    ("El técnico llega en veinte minutos.", ("El técnico llega en veinte minutos",)),
    ("That must be so frustrating with the move on Friday.", ()),
    ("A wedding tomorrow and no suit is stressful.", ()),
    ("A refund of £38 has been processed to your original payment method.", ()),
    ("Tell me by 3pm today.", ()),
    ("I've booked the engineer for Thursday.", ("I've booked the engineer for Thursday",)),
    # test_commitments_states_and_reassurance (commit22): a state of the customer's own
    # item that holds until a time, and reassurance about what the company will not do
    # (guideline v2 negative promises, v3 "reassurance"); look-alikes: a general rule
    # with no "your", a hypothetical, a condition, the customer's step, nothing to do, a
    # warning, a fact about what the account cannot do
    (
        "Your price stays the same until your contract ends in March.",
        ("Your price stays the same until your contract ends in March",),
    ),
    (
        "Your old number stays live until the transfer completes.",
        ("Your old number stays live until the transfer completes",),
    ),
    (
        "Your current pass will keep working until the new one arrives.",
        ("Your current pass will keep working until the new one arrives",),
    ),
    ("You keep your discount until June.", ("You keep your discount until June",)),
    (
        "I stay on the line until you confirm it works.",
        ("I stay on the line until you confirm it works",),
    ),
    ("Your pension isn't going to stop.", ("Your pension isn't going to stop",)),
    ("Your account won't be closed.", ("Your account won't be closed",)),
    ("You won't need to send the receipts again.", ("You won't need to send the receipts again",)),
    ("You won't have to pay the call-out fee.", ("You won't have to pay the call-out fee",)),
    ("Deleted files stay in the bin for 30 days.", ()),
    ("Items remain in the archive until they are deleted.", ()),
    ("Your data would stay with us for 30 days if you cancelled.", ()),
    ("If your card stays blocked for 24 hours, call us.", ()),
    ("Please stay on the line until the agent answers.", ()),
    ("You won't need to do anything.", ()),
    ("Abusive language will not be tolerated.", ()),
    ("Your account won't be able to receive payments.", ()),
    # test_commitments_rebukes_languages_obligations_and_day_dots (commit23): a rebuke, the
    # language of the reply and the customer's own obligation are no promises (guideline v3
    # 'not service promises', 'actions the customer must do'); habits; a German date's day
    ("Mit diesem Ton kommen wir nicht weiter.", ()),
    ("So kommen wir nicht weiter, aber ich rufe Sie morgen an.", ("ich rufe Sie morgen an",)),
    ("Zo komen we niet verder, maar ik bel u morgen terug.", ("ik bel u morgen terug",)),
    ("Je vous réponds en français.", ()),
    ("Ich antworte Ihnen gerne auf Deutsch.", ()),
    ("Le rispondo in italiano.", ()),
    ("Je vous réponds demain avant midi.", ("Je vous réponds demain avant midi",)),
    ("Het restbedrag dient binnen 14 dagen te worden voldaan.", ()),
    (
        "Het restbedrag dient binnen 14 dagen te worden voldaan. Ik stuur u vandaag de factuur.",
        ("Ik stuur u vandaag de factuur",),
    ),
    ("Die Rechnung ist innerhalb von 14 Tagen zu begleichen.", ()),
    ("Le solde doit être réglé sous 30 jours.", ()),
    ("El importe debe abonarse antes del día 5.", ()),
    ("Wir schicken Rechnungen immer am Monatsende.", ()),
    ("Neue Termine werden jeden Morgen um 8 Uhr freigeschaltet.", ()),
    (
        "Wir schicken Ihnen die Rechnung am Monatsende.",
        ("Wir schicken Ihnen die Rechnung am Monatsende",),
    ),
    (
        "Ein Techniker kommt am Mittwoch, 27. November, zwischen 8 und 12 Uhr.",
        ("Ein Techniker kommt am Mittwoch, 27. November, zwischen 8 und 12 Uhr",),
    ),
    (
        "Wir melden uns bis Mittwoch, 20. Mai bei Ihnen.",
        ("Wir melden uns bis Mittwoch, 20. Mai bei Ihnen",),
    ),
    ("I'll call you back before 10. May I ask for your number?", ("I'll call you back before 10",)),
    # test_commitments_present_outcomes_and_fronted_times (commit23): the present for the
    # near future in es / it / pt with a time, a time fronted in its clause, third-party
    # and item present outcomes with a time in de / nl / it / fr / es; habits and nouns
    ("Te escribo mañana con la respuesta.", ("Te escribo mañana con la respuesta",)),
    ("Te escribo porque tu pedido ha llegado.", ()),
    (
        "Dou-lhe resposta definitiva até sexta-feira de manhã.",
        ("Dou-lhe resposta definitiva até sexta-feira de manhã",),
    ),
    ("Il controllo dei log è domani.", ()),
    ("Domattina ricontrollo i log.", ("Domattina ricontrollo i log",)),
    (
        "Mañana a las 10 te escribo por aquí para confirmar que ya tienes línea.",
        ("Mañana a las 10 te escribo por aquí para confirmar que ya tienes línea",),
    ),
    ("From tomorrow it should be quieter.", ("From tomorrow it should be quieter",)),
    ("Next time you sign in you'll be asked to scan a QR code.", ()),
    ("Morgen ligt hij bij u in de brievenbus.", ("Morgen ligt hij bij u in de brievenbus",)),
    ("Het pakket ligt nog in het depot.", ()),
    (
        "Binnen een uur krijgt u de bevestiging per mail.",
        ("Binnen een uur krijgt u de bevestiging per mail",),
    ),
    ("De werkzaamheden zijn donderdag klaar.", ("De werkzaamheden zijn donderdag klaar",)),
    ("Wij doen er alles aan om uw bestelling morgen te leveren.", ()),
    ("Het restaurant bezorgt elke dag om 12 uur.", ()),
    (
        "Il rimborso parte oggi sulla carta usata per l'ordine.",
        ("Il rimborso parte oggi sulla carta usata per l'ordine",),
    ),
    ("La parte di oggi è pronta.", ()),
    ("I bonifici partono ogni giorno alle 17.", ()),
    (
        "Una squadra passa giovedì mattina a chiudere le buche.",
        ("Una squadra passa giovedì mattina a chiudere le buche",),
    ),
    ("Le virement part vendredi.", ("Le virement part vendredi",)),
    ("Les colis partent chaque jour à 16 h.", ()),
    (
        "Otro repartidor recoge un pedido nuevo ahora mismo.",
        ("Otro repartidor recoge un pedido nuevo ahora mismo",),
    ),
    (
        "Die schriftliche Bestätigung kommt in den nächsten Tagen per E-Mail.",
        ("Die schriftliche Bestätigung kommt in den nächsten Tagen per E-Mail",),
    ),
    ("Er ist in ca. 15 Minuten bei Ihnen.", ("Er ist in ca. 15 Minuten bei Ihnen",)),
    (
        "Die Gutschrift erscheint auf Ihrer nächsten Rechnung am 1. Juli.",
        ("Die Gutschrift erscheint auf Ihrer nächsten Rechnung am 1. Juli",),
    ),
    ("Der Patch erscheint leider nicht vor Juli.", ()),
)
