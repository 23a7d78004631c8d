//! The JSON Schema of a Presentation, derived from the vocabulary and the field ranges, and the
//! knowledge base's notes (where the engine departs from the seed, and why).

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::citations::CitationId;
use crate::fields::{presentation_fields, FieldKind};
use crate::vocab::{Finding, Status};

fn ids<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> Vec<Value> {
    all.iter().map(|v| Value::from(id(*v))).collect()
}

/// The JSON Schema (draft 2020-12) of a Presentation. Unknown fields and unknown finding ids are
/// not allowed, as the parser refuses them.
///
/// ```
/// let schema = stenosis_core::presentation_schema();
/// assert_eq!(schema["additionalProperties"], false);
/// assert!(schema["properties"]["findings"]["properties"]["babinski_sign"].is_object());
/// ```
#[must_use]
pub fn presentation_schema() -> Value {
    let statuses = ids(Status::ALL, Status::id);
    let mut findings = Map::new();
    for f in Finding::ALL {
        let mut prop = json!({
            "description": f.definition(),
            "enum": statuses.clone(),
            "x-group": f.group().id(),
        });
        if let (Some(code), Some(obj)) = (f.snomed(), prop.as_object_mut()) {
            obj.insert(
                "x-snomed-ct".into(),
                json!({"system": crate::vocab::SNOMED_SYSTEM, "code": code.code, "display": code.display}),
            );
        }
        findings.insert(f.id().to_owned(), prop);
    }
    let mut properties = Map::new();
    for field in presentation_fields() {
        let prop = match field.kind {
            FieldKind::Whole { max } => {
                json!({"description": field.doc, "type": ["integer", "null"], "minimum": 0, "maximum": max})
            }
            FieldKind::Real { max } => {
                json!({"description": field.doc, "type": ["number", "null"], "minimum": 0, "maximum": max})
            }
            FieldKind::Choice { ids } => {
                let mut allowed: Vec<Value> = ids().into_iter().map(Value::from).collect();
                allowed.push(Value::Null);
                json!({"description": field.doc, "enum": allowed})
            }
            FieldKind::Findings => json!({
                "description": field.doc,
                "type": "object",
                "additionalProperties": false,
                "properties": Value::Object(findings.clone()),
            }),
            FieldKind::RecordId { max_len } => json!({
                "description": field.doc,
                "type": ["string", "null"],
                "pattern": format!("^[A-Za-z0-9._:-]{{1,{max_len}}}$"),
            }),
        };
        properties.insert(field.id.to_owned(), prop);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://stenosis.invalid/schema/presentation.json",
        "title": "Presentation",
        "description": "What is known about a patient with leg symptoms. A finding left out is not assessed (the same as \"unknown\").",
        "type": "object",
        "additionalProperties": false,
        "properties": Value::Object(properties),
    })
}

/// A note on the knowledge base: a place where the engine departs from the seed document or
/// makes an interpretation explicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KnowledgeBaseNote {
    /// A stable id.
    pub id: &'static str,
    /// The note.
    pub note: &'static str,
    /// Citation ids.
    pub citations: &'static [CitationId],
}

const NOTES: &[KnowledgeBaseNote] = &[
    KnowledgeBaseNote {
        id: "seed_mild_stability_corrected",
        note: "The seed says only about 20% of mild myelopathy stays stable. The sources show the reverse: 84% of mild DCM remain free of neurological decline at 3 years (pooled), and 26.9% of a cohort deteriorated over more than 3 years. The engine reports the verified figures.",
        citations: &[CitationId::Seed, CitationId::Kong2013, CitationId::NaturalHistory2023],
    },
    KnowledgeBaseNote {
        id: "seed_surgical_recovery_corrected",
        note: "The seed says about 97% recover after surgery; no source for this was found. The engine reports significant improvement after surgery in every severity class and good initial results in about 70%.",
        citations: &[CitationId::Seed, CitationId::Fehlings2013Jbjs, CitationId::McCormack1996],
    },
    KnowledgeBaseNote {
        id: "mild_management_per_guideline",
        note: "For mild DCM the seed lists collar, physical therapy and monitoring; the AO Spine guideline suggests offering surgery or a supervised trial of structured rehabilitation. The engine recommends both (and lists the collar with the seed as its only source).",
        citations: &[CitationId::Seed, CitationId::Fehlings2017Guideline],
    },
    KnowledgeBaseNote {
        id: "clear_alternative_explanation",
        note: "The seed's imaging indication 'bilateral leg symptoms without clear lumbar pathology' is read as 'without a clear alternative explanation': a high likelihood of lumbar stenosis, neuropathy or arterial disease. Upper motor neuron signs, progressive weakness and bladder dysfunction still indicate cervical imaging regardless.",
        citations: &[CitationId::Seed],
    },
    KnowledgeBaseNote {
        id: "cauda_equina_sphincter_onset",
        note: "Saddle anaesthesia and urinary retention always raise the cauda equina red flag. A bladder or bowel disturbance does so with back or leg pain unless the leg symptoms are recorded stable over 14 days (the leg-symptom duration does not date the sphincter change, and a relapse is new), or without pain when of recent onset or rapidly progressive (GIRFT); otherwise it counts towards cauda equina as moderate and towards myelopathy, since sphincter dysfunction occurs in 38% of DCM. With leg upper motor neuron signs or a truncal sensory level, a new or worsening bladder or bowel disturbance with back or leg pain still raises the cauda equina red flag (conus lesions give mixed signs), with cauda equina moderate and ranked below the cord, and a whole-spine MRI as the emergency scan.",
        citations: &[CitationId::Girft2023Ces, CitationId::Jiang2024Symptoms, CitationId::Bentley2001],
    },
    KnowledgeBaseNote {
        id: "girft_criteria_without_cord_pattern",
        note: "Version 2 reads the GIRFT 2023 pathway as reproduced by BMJ Best Practice: back or leg pain with any one of new or worsening bladder or bowel change, saddle sensory change, a deficit in both legs, or sexual dysfunction. A criterion counts as new or worsening unless the course is recorded stable over 14 days (the leg-symptom duration does not date it, and an unrecorded course is unknown); sexual dysfunction is new by its definition. Weakness in both legs recorded stable over 14 days without leg cord signs makes cauda equina moderate (an urgent lumbosacral MRI). Whether bilateral radicular pain alone is a GIRFT criterion is not shown in the sources seen: it makes cauda equina moderate (CES-S in Todd and Dickson), not the red flag. Leg upper motor neuron signs or a truncal sensory level do not exclude the bladder, bowel, saddle or sexual criteria, nor a bilateral leg deficit of recent onset (14 days or less, or untimed) or rapid course (the pathway has no such exclusion, and conus lesions give mixed signs): cauda equina is then moderate, below the cord, and the whole spine is imaged as an emergency. A deficit or sciatica in both legs with leg cord signs over more than 14 days and not rapidly progressive is the cord's (in cauda equina the leg reflexes and tone are reduced; leg upper motor neuron signs place the lesion above L1) and does not meet the bilateral criterion or bilateral radiculopathy.",
        citations: &[CitationId::Girft2023Ces, CitationId::BmjBestPracticeCes, CitationId::Todd2016Ces, CitationId::Bentley2001],
    },
    KnowledgeBaseNote {
        id: "mild_dcm_grade",
        note: "AO Spine/CSRS 2017 grade the mild-DCM recommendation (surgery or supervised rehabilitation) as weak with very low to low quality evidence; the single evidence_quality field reports it as low. Recommendations without a guideline grade carry null strength and evidence_quality.",
        citations: &[CitationId::Fehlings2017Guideline],
    },
    KnowledgeBaseNote {
        id: "gbs_source",
        note: "The Guillain-Barre criteria are cited from the digest's source, the criteria table of World J Clin Cases 2017 with the NINDS criteria table; the digests give no authors for it, so none are printed.",
        citations: &[CitationId::GbsCriteria2017],
    },
    KnowledgeBaseNote {
        id: "cook_post_test_only_verified_ratios",
        note: "A post-test probability is given only where a verified likelihood ratio exists: 0 of 5 fully assessed (LR- 0.18) and 3 or more of 5 (LR+ 30.9). The pre-test probability is the derivation cohort's 35.3%; for 1 or 2 of 5 no verified ratio exists and none is given.",
        citations: &[CitationId::Cook2010Cpr],
    },
    KnowledgeBaseNote {
        id: "mjoa_18_normal",
        note: "mJOA 18 means no deficit and falls outside the published classes (mild 15-17, moderate 12-14, severe 0-11): severity is reported as null, and the case is managed like mild disease if cord compression with a myelopathic picture is present.",
        citations: &[CitationId::Tetreault2017Mjoa],
    },
    KnowledgeBaseNote {
        id: "snomed_codes_verified_only",
        note: "SNOMED CT codes are attached only where standards.md marks them verified against an official value-set expansion; most findings have none.",
        citations: &[],
    },
];

/// The knowledge base's notes.
#[must_use]
pub fn knowledge_base_notes() -> &'static [KnowledgeBaseNote] {
    NOTES
}
