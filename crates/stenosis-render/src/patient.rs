//! The patient view: the same assessment in plain words for the patient.
//!
//! What may be going on, what happens next and how soon, when to get help at once, and that this
//! is not a diagnosis. No ids, no likelihood ratios, no references; short sentences (a test keeps
//! the Flesch-Kincaid grade at 8 or below). The wording for each vocabulary entry is a `match`, so
//! a new entry cannot be shown to a patient without words written for it.

use std::fmt::Write as _;

use stenosis_core::{Action, Assessment, Condition, Likelihood, Pathway, RedFlag, Urgency};

use crate::html::{document, escape};

/// A condition in plain words.
#[must_use]
pub const fn condition_words(c: Condition) -> &'static str {
    match c {
        Condition::CervicalMyelopathy => "pressure on the spinal cord in your neck",
        Condition::LumbarSpinalStenosis => "a narrow space for the nerves in your lower back",
        Condition::PeripheralNeuropathy => "damage to the nerves in your feet and legs",
        Condition::PeripheralArterialDisease => "poor blood flow to your legs",
        Condition::CaudaEquinaSyndrome => "pressure on the nerves at the bottom of your spine",
        Condition::ThoracicMyelopathy => "pressure on the spinal cord in your upper or middle back",
        Condition::MotorNeuronDisease => "a disease of the nerves that work the muscles (motor neuron disease)",
        Condition::NutritionalMyelopathy => "damage to the spinal cord from too little vitamin B12 or copper",
        Condition::DemyelinatingDisease => "an illness of the coating of the nerves, such as MS",
        Condition::HereditarySpasticParaplegia => "a stiff-legs condition that runs in families",
        Condition::NormalPressureHydrocephalus => "too much fluid in the brain",
        Condition::SpinalDuralAvFistula => "a problem with the blood vessels around the spinal cord",
        Condition::MalignantSpinalCordCompression => "pressure on the spinal cord from a cancer",
        Condition::SpinalEpiduralAbscess => "an infection next to the spinal cord",
        Condition::GuillainBarreSyndrome => "an illness where the body attacks its own nerves (Guillain-Barre)",
    }
}

/// An action in plain words.
#[must_use]
pub const fn action_words(a: Action) -> &'static str {
    match a {
        Action::CervicalMri => "A scan (MRI) of your neck.",
        Action::LumbarMri => "A scan (MRI) of your lower back.",
        Action::CompleteNeurologicalExam => "A full check of your nerves, muscles and reflexes.",
        Action::AnkleBrachialIndex => {
            "A test of the blood flow to your legs. It checks the blood pressure at your ankles and arms."
        }
        Action::NerveConductionStudy => "A test of how well your nerves carry signals.",
        Action::SpineSurgeryReferral => "A visit to a spine surgeon, to talk about whether an operation could help.",
        Action::EmergencySpineEvaluation => "To be seen by the spine team at a hospital.",
        Action::PhysicalTherapy => "Exercises with a physiotherapist.",
        Action::CervicalCollar => "A neck brace (collar).",
        Action::ClinicalMonitoring => "Regular check-ups to see if things change.",
        Action::ThoracicSpineMri => "A scan (MRI) of your upper and middle back.",
        Action::WholeSpineMri => "A scan (MRI) of your whole spine.",
        Action::BrainMri => "A scan (MRI) of your brain.",
        Action::NeurologyReferral => "A visit to a nerve doctor (neurologist).",
        Action::VascularSurgeryReferral => "A visit to a blood vessel doctor.",
        Action::B12AndCopperTests => "Blood tests for vitamin B12, copper and blood count.",
        Action::InfectionMarkers => "Blood tests to look for an infection.",
        Action::MsccPathwayReferral => "A call to the cancer team that deals with pressure on the spine.",
    }
}

/// How soon, in plain words.
#[must_use]
pub const fn urgency_words(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "Today. Go now.",
        Urgency::Urgent => "Soon: within days.",
        Urgency::Routine => "At a normal visit.",
    }
}

/// The pathway in plain words.
#[must_use]
pub const fn pathway_words(p: Pathway) -> &'static str {
    match p {
        Pathway::Emergency => "You need to be seen in hospital today.",
        Pathway::SurgicalEvaluation => {
            "A spine surgeon should see you. You can talk about an operation to take the pressure off the spinal cord."
        }
        Pathway::Conservative => "For now, the plan is care without an operation, with regular checks.",
        Pathway::FurtherWorkup => "More checks are needed to find the cause.",
        Pathway::NoCervicalConcern => "From what is known so far, your neck does not seem to be the cause.",
    }
}

/// A red flag in plain words.
#[must_use]
pub const fn red_flag_words(r: RedFlag) -> &'static str {
    match r {
        RedFlag::CaudaEquinaSuspected => {
            "Your symptoms may mean that the nerves at the bottom of your spine are being squeezed."
        }
        RedFlag::RapidlyProgressiveDeficit => "Your symptoms are getting worse fast.",
        RedFlag::MalignantCordCompressionSuspected => "A cancer may be pressing on your spinal cord or nerves.",
        RedFlag::SpinalInfectionSuspected => "You may have an infection next to your spine.",
        RedFlag::GuillainBarreSuspected => {
            "Your nerves may be under attack from your own body. This can get worse fast."
        }
        RedFlag::AcuteLimbIschaemia => "Blood may not be getting to your leg.",
        RedFlag::LimbThreateningIschaemia => {
            "Your leg may not be getting enough blood. This needs a blood vessel doctor soon."
        }
    }
}

/// What to watch for, whatever the findings: the symptoms of the red flags, in plain words.
const GET_HELP_AT_ONCE: &[&str] = &[
    "You cannot pass urine, or you wet yourself without meaning to.",
    "You lose control of your bowels.",
    "You feel numb between your legs or around your bottom.",
    "Your legs get weak fast, over hours or days.",
    "A leg turns cold, pale or very painful.",
];

/// The plain-words disclaimer.
pub const PATIENT_DISCLAIMER: &str = "This is not a diagnosis. It is a summary to help you and your doctor talk about your symptoms. It is based on what your doctor has found so far. Your doctor will decide with you what is right for you.";

/// The sections of the patient view: (heading, paragraphs).
fn sections(a: &Assessment) -> Vec<(&'static str, Vec<String>)> {
    let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
    if !a.red_flags.is_empty() {
        let mut v: Vec<String> = a.red_flags.iter().map(|r| red_flag_words(r.id).to_owned()).collect();
        // Not every red flag is an emergency (chronic limb-threatening ischaemia is urgent): say
        // "today" only when the assessment asks for same-day action.
        if crate::same_day(a) {
            v.push("This needs care today. Go to the emergency department now, or call for an ambulance.".to_owned());
            out.push(("Important: get help today", v));
        } else {
            v.push("This needs care soon, within days. Call your doctor today to arrange it.".to_owned());
            out.push(("Important: get care soon", v));
        }
    }

    let likely: Vec<&str> = a
        .differential
        .iter()
        .filter(|e| e.likelihood == Likelihood::High)
        .map(|e| condition_words(e.condition))
        .collect();
    let possible: Vec<&str> = a
        .differential
        .iter()
        .filter(|e| e.likelihood == Likelihood::Moderate)
        .map(|e| condition_words(e.condition))
        .collect();
    let mut going_on = Vec::new();
    for c in &likely {
        going_on.push(format!("The most likely cause is {c}."));
    }
    for c in &possible {
        let also = if likely.is_empty() { "A possible cause is" } else { "It could also be" };
        going_on.push(format!("{also} {c}."));
    }
    if going_on.is_empty() {
        going_on.push("No clear cause has been found yet.".to_owned());
    }
    going_on.push(pathway_words(a.pathway).to_owned());
    out.push(("What may be going on", going_on));

    let next: Vec<String> = if a.recommendations.is_empty() {
        vec!["Nothing new is planned from these findings. Ask your doctor when to come back.".to_owned()]
    } else {
        a.recommendations
            .iter()
            .map(|r| format!("{} When: {}", action_words(r.action), urgency_words(r.urgency)))
            .collect()
    };
    out.push(("What happens next, and how soon", next));

    let mut help = vec!["Go to the emergency department or call for an ambulance at once if:".to_owned()];
    help.extend(GET_HELP_AT_ONCE.iter().map(|s| (*s).to_owned()));
    out.push(("When to get help at once", help));
    out.push(("Please note", vec![PATIENT_DISCLAIMER.to_owned()]));
    out
}

/// The patient view as text, wrapped to `width` columns.
#[must_use]
pub fn text(a: &Assessment, width: usize) -> String {
    let mut s = String::from("Your leg symptoms: a summary for you\n");
    for (heading, paras) in sections(a) {
        s.push('\n');
        s.push_str(&heading.to_uppercase());
        s.push('\n');
        let bullets = heading == "When to get help at once" || heading == "What happens next, and how soon";
        for (i, p) in paras.iter().enumerate() {
            let (first, rest) =
                if bullets && !(heading == "When to get help at once" && i == 0) { ("  - ", "    ") } else { ("", "") };
            for l in crate::text::wrap(p, width, first, rest) {
                s.push_str(&l);
                s.push('\n');
            }
        }
    }
    s
}

/// The patient view as a standalone HTML page (same stylesheet and policy as the clinician page).
#[must_use]
pub fn html(a: &Assessment) -> String {
    let mut h = String::with_capacity(4096);
    h.push_str("<style>");
    h.push_str(crate::html::STYLE);
    h.push_str("</style>\n<div class=\"stn stenosis-card\" style=\"background:#ffffff;color:#1a1a1a\">\n<h2>Your leg symptoms: a summary for you</h2>\n");
    for (heading, paras) in sections(a) {
        let flag = heading.starts_with("Important");
        if flag {
            h.push_str("<div class=\"flag stn-red-flag\" role=\"alert\">");
        }
        let _ = write!(h, "<h3>{}</h3>", escape(heading));
        for p in paras {
            let _ = write!(h, "<p>{}</p>", escape(&p));
        }
        if flag {
            h.push_str("</div>");
        }
        h.push('\n');
    }
    h.push_str("</div>\n");
    document("Your leg symptoms: a summary for you", &h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stenosis_core::{assess, Presentation};

    #[test]
    fn an_urgent_red_flag_is_not_called_an_emergency() {
        // An assessment with only an urgent red flag (chronic limb-threatening ischaemia is an
        // urgent vascular referral, not an emergency), built by hand so that the test does not
        // depend on which rule raises it.
        let mut a = assess(&Presentation::new());
        a.red_flags.push(stenosis_core::RedFlagAlert {
            id: RedFlag::LimbThreateningIschaemia,
            message: String::new(),
            citations: Vec::new(),
        });
        assert_ne!(a.pathway, Pathway::Emergency);
        assert!(a.recommendations.iter().all(|r| r.urgency != Urgency::Emergency));
        let t = text(&a, 80);
        assert!(t.contains("GET CARE SOON") && !t.contains("GET HELP TODAY"), "{t}");
        let r = crate::text::report(&a, &crate::text::TextOptions::default());
        assert!(r.contains("act within days") && !r.contains("act today"), "{r}");
        a.pathway = Pathway::Emergency;
        assert!(text(&a, 80).contains("GET HELP TODAY"));
    }

    #[test]
    fn plain_words_no_ids_no_ratios() {
        let p = Presentation::from_json(
            r#"{"findings": {"saddle_anesthesia": "present", "sciatica_like_pain": "present"}}"#,
        )
        .unwrap_or_default();
        let a = assess(&p);
        let t = text(&a, 80);
        assert!(t.contains("GET HELP TODAY"), "{t}");
        assert!(t.contains("This is not a diagnosis."), "{t}");
        for bad in ["_", "likelihood ratio", "LR", "%", "["] {
            assert!(!t.contains(bad), "{bad}: {t}");
        }
        assert!(html(&a).contains("default-src 'none'"));
    }
}
